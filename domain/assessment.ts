// A first suggestion for assessment (研判): from the request's text, a domain, a list type and a
// difficulty, by Chinese keywords. It only proposes; the special team decides. Every suggestion
// says which keywords it rests on, so the person assessing can see why.
import { levelForDifficulty, type Difficulty } from './difficulty.js';
import type { DomainArea } from './domain-area.js';
import type { Level } from './level.js';
import type { ListType } from './list-type.js';

/** Keywords per domain; the domain with the most matching keywords wins (ties: earlier in this table). */
export const DOMAIN_KEYWORDS: Readonly<Record<DomainArea, readonly string[]>> = {
  water_resources: ['堰塘', '水库', '山坪塘', '水渠', '灌溉', '饮水', '自来水', '停水', '供水', '漏水', '渗漏', '河道'],
  urban_rural_construction: ['路灯', '污水', '管网', '管道', '下水道', '危房', '老旧小区', '安置还房', '还房', '房屋', '烂尾', '广场'],
  transport: ['道路', '公路', '修路', '入村路', '桥', '客车', '公交', '路面', '坑洼'],
  agriculture_rural: ['农业', '种植', '养殖', '农田', '耕地', '撂荒', '化肥', '农机', '村集体', '土地流转'],
  natural_resources: ['土地', '宅基地', '不动产', '产权证', '征地', '增减挂钩', '地质灾害', '滑坡', '林地'],
  labour_social_security: ['工资', '欠薪', '社保', '养老保险', '就业', '劳动合同', '工伤', '失业'],
  health: ['医保', '医院', '看病', '卫生院', '医疗', '疫苗', '药品', '村医'],
  education: ['学校', '上学', '入学', '老师', '教师', '学生', '幼儿园', '校车', '学位'],
  policy_fulfilment: ['补贴', '补助', '补偿', '补偿金', '政策兑现', '过渡费', '易地扶贫搬迁', '奖补'],
  public_security: ['治安', '盗窃', '诈骗', '打架', '赌博', '报警', '派出所', '户口', '身份证'],
  community_governance: ['物业', '小区', '业委会', '电梯', '停车位', '门禁'],
  civil_affairs: ['低保', '特困', '养老院', '敬老院', '残疾', '殡葬', '救助', '留守', '老年人'],
  ecology_environment: ['污染', '噪音', '臭味', '排污', '垃圾焚烧', '粉尘', '环保'],
  urban_management: ['违建', '违章搭建', '占道', '摊贩', '垃圾', '绿化', '市容'],
  disputes_legal: ['纠纷', '矛盾', '邻里', '调解', '法律援助', '律师', '遗产', '离婚'],
};

const POLICY_CONSULTATION = ['咨询', '请问', '怎么办理', '如何办理', '怎么申请', '如何申请', '是否符合', '能否享受'];
const SUGGESTION = ['建议', '希望增设', '希望增加', '提议', '意见'];
const COLLECTIVE = ['全村', '全组', '多户', '群众联名', '联名', '村民们', '居民们', '集体', '几十户', '整个小区', '户居民'];

/** Keywords that mark a request as major (大事): large sums, many people, old unsolved problems. */
const MAJOR = ['安置还房', '烂尾', '破产', '征地', '拆迁', '增减挂钩', '易地扶贫搬迁', '历史遗留', '多年未解决', '上访'];
/** Keywords that mark a request as hard (难事): real money or several departments. */
const HARD = ['堰塘', '水库', '修路', '道路', '管网', '资金', '跨部门', '危房', '改造', '整治', '补偿'];

export interface AssessmentSuggestion {
  domain?: DomainArea;
  listType: ListType;
  difficulty: Difficulty;
  level: Level;
  /** The keywords that were found, for each part of the suggestion. */
  because: { domain: string[]; listType: string[]; difficulty: string[] };
}

const found = (text: string, words: readonly string[]): string[] => words.filter((w) => text.includes(w));

export function suggestAssessment(text: string): AssessmentSuggestion {
  let domain: DomainArea | undefined;
  let domainWords: string[] = [];
  for (const [area, words] of Object.entries(DOMAIN_KEYWORDS) as [DomainArea, readonly string[]][]) {
    const hits = found(text, words);
    if (hits.length > domainWords.length) {
      domain = area;
      domainWords = hits;
    }
  }

  const collective = found(text, COLLECTIVE);
  const consultation = found(text, POLICY_CONSULTATION);
  const suggestion = found(text, SUGGESTION);
  let listType: ListType = domain === undefined ? 'other' : 'individual';
  let listWords: string[] = [];
  if (collective.length > 0) [listType, listWords] = ['collective', collective];
  else if (suggestion.length > 0) [listType, listWords] = ['suggestion', suggestion];
  else if (consultation.length > 0) [listType, listWords] = ['policy_consultation', consultation];

  const major = found(text, MAJOR);
  const hard = found(text, HARD);
  let difficulty: Difficulty = 'easy';
  let difficultyWords: string[] = [];
  if (major.length > 0) [difficulty, difficultyWords] = ['major', major];
  else if (hard.length > 0) [difficulty, difficultyWords] = ['hard', hard];
  // A question about policy is answered where it is asked, however weighty its words.
  if (listType === 'policy_consultation') [difficulty, difficultyWords] = ['easy', []];

  return {
    domain,
    listType,
    difficulty,
    level: levelForDifficulty(difficulty),
    because: { domain: domainWords, listType: listWords, difficulty: difficultyWords },
  };
}
