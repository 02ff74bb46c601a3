// The synthetic workload of a replay: one plan per request, shaped like the study's four years.
//
// A plan fixes what will happen to a request (its "fate"): the day it arrives, whether screening
// finds it invalid, how the special team assesses it, the levels it passes through before it is
// solved (or taken into the district's backstop), and the events along the way (joint handling,
// staged measures, a missing signature, an unsatisfied citizen, a late department, going overdue).
// The simulated staff and citizens (staff.ts) act it out through the API; the workflows and
// workers do the rest; the figures are then measured from the store, not from the plans. A plan's
// `id` names the plan only: the API numbers the request it takes in (driver.ts keeps the map).
//
// The level mix is chosen so that the final ledger split comes out like the study's: requests
// start at the level their difficulty gives (easy → village, hard → township, major → district);
// a share of each level cannot solve theirs and moves it up.
import type { Channel, DomainArea, Level, ListType } from '../domain/index.js';
import { domainAreas } from '../domain/index.js';
import type { Random } from './random.js';
import { seededRandom } from './random.js';
import { BACKSTOP, INVALID_TOTAL, LAST_DAY, LEDGER_SPLIT, VALID_PER_YEAR, VALID_TOTAL, type StudyYear } from './study.js';

/** A village or community and the township or street it belongs to. */
export interface Place {
  townshipId: string;
  villageId: string;
}

/** How a level that cannot solve a request says so. */
export type EscalationCause = 'cannot_solve' | 'refused_twice';

export type FinalAnswer = 'satisfied' | 'no_answer';

export interface RequestPlan {
  /** the plan's id, e.g. `R2021-00042` (the API gives the request its own number) */
  id: string;
  /** index in arrival order (0-based) */
  index: number;
  /** arrival date, `YYYY-MM-DD` (China time) */
  day: string;
  valid: boolean;
  channel: Channel;
  place: Place;
  summary: string;
  listType: ListType;
  domain: DomainArea;
  /** levels the request is handled at, in order; the last solves it unless `backstop` */
  path: Level[];
  /** for each level of `path` it leaves (and for the district when `backstop`): how */
  escalations: EscalationCause[];
  /** nothing above the district: the district's special team could not solve it either */
  backstop: boolean;
  /** timeLimitChoice the assessment sends (hard and major requests) */
  timeLimitChoice?: 30 | 60 | 90;
  /** the township blows the whistle the first time it handles the request */
  joint?: { departments: string[]; lateDepartment?: string };
  /** staged measures (number of milestones) at the level that solves it */
  stagedMilestones: number;
  /** one signature is refused in the first sign-off round at the level that solves it */
  missingSignature: boolean;
  /** the citizen is unsatisfied once at the level that solves it (re-handled there) */
  rehandledOnce: boolean;
  finalAnswer: FinalAnswer;
  /** per-request random stream seed for handling times */
  seed: number;
}

export interface WorkloadOptions {
  /** 1 = the study's full four years; 0.1 = a tenth of every count */
  scale: number;
  seed: number;
  places: readonly Place[];
  /** district department ids (for joint handling) */
  departments: readonly string[];
}

/** Shares used to draw the fates (the level mix is derived from the study's split instead). */
export const SHARES = {
  /** of the requests a village takes, the share it cannot solve (moved to the township) */
  villageEscalates: 0.1,
  /** of the requests a township takes, the share it cannot solve (moved to the district) */
  townshipEscalates: 0.08,
  /** an escalation caused by two refusals of the citizen rather than by the unit */
  escalationByRefusal: 0.15,
  /** of the requests a township handles, the share where it blows the whistle */
  joint: 0.12,
  /** of joint handlings, the share with a department reporting late */
  lateReport: 0.1,
  staged: 0.03,
  missingSignature: 0.02,
  rehandledOnce: 0.03,
  noAnswer: 0.1,
} as const;

const CHANNEL_WEIGHTS: Readonly<Record<Channel, number>> = {
  door_to_door: 30,
  meeting: 14,
  qr_online: 16,
  mailbox: 6,
  questionnaire: 10,
  field_study: 8,
  hotline: 8,
  walk_in: 5,
  proxy: 3,
  // the study's district had no Open311 door
  open311: 0,
};

const EASY_LISTS: Readonly<Record<ListType, number>> = { policy_consultation: 20, suggestion: 10, individual: 55, collective: 10, other: 5 };
const HARD_LISTS: Readonly<Record<ListType, number>> = { policy_consultation: 0, suggestion: 5, individual: 45, collective: 40, other: 10 };

/** What citizens ask for, per domain: a few typical matters each (the summary of a request). */
const MATTERS: Readonly<Record<DomainArea, readonly string[]>> = {
  agriculture_rural: ['产业路硬化', '耕地撂荒整治', '农机补贴兑现'],
  natural_resources: ['宅基地确权', '地质灾害隐患点排查'],
  urban_rural_construction: ['危房改造', '老旧小区改造', '老旧市场改造为广场'],
  labour_social_security: ['拖欠农民工工资', '养老保险转移接续'],
  health: ['村卫生室缺医生', '慢病报销'],
  education: ['校车接送', '学校周边交通安全'],
  policy_fulfilment: ['惠农补贴未到账', '退役军人优待兑现'],
  public_security: ['夜间噪音扰民', '电动车被盗'],
  community_governance: ['小区物业不作为', '小区停车难'],
  water_resources: ['山坪塘漏水', '饮水管网老化', '病险水库整治'],
  transport: ['通村公路破损', '客运班车停运'],
  civil_affairs: ['低保申请', '高龄津贴', '养老服务'],
  ecology_environment: ['养殖场异味', '河道垃圾'],
  urban_management: ['路灯不亮', '占道经营', '违章搭建'],
  disputes_legal: ['邻里土地纠纷', '婚姻家庭纠纷'],
};

const DOMAINS = domainAreas.codes;

/** Arrival days of one year (January to December, or to LAST_DAY for the last year). */
function daysOf(year: StudyYear): string[] {
  const days: string[] = [];
  const last = Number(year) === Number(LAST_DAY.slice(0, 4)) ? LAST_DAY : `${year}-12-31`;
  for (let t = Date.parse(`${year}-01-01T00:00:00Z`); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(day);
    if (day === last) break;
  }
  return days;
}

/** Spreads `count` arrivals evenly (with jitter) over the given days. */
function spread(count: number, days: readonly string[], random: Random): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.min(days.length - 1, Math.floor(((i + random.next()) / count) * days.length));
    out.push(days[at]!);
  }
  return out;
}

interface Fate {
  path: Level[];
  backstop: boolean;
}

/**
 * The level paths of `valid` requests, in counts derived from the study's ledger split
 * (scaled): village only; village → township; township only; township → district (from the
 * village or not); district only; and the backstop.
 */
export function levelPaths(valid: number): Fate[] {
  const ratio = valid / VALID_TOTAL;
  const village = Math.round(LEDGER_SPLIT.village * ratio);
  const township = Math.round(LEDGER_SPLIT.township * ratio);
  const backstop = Math.round(BACKSTOP * ratio);
  const district = Math.max(0, valid - village - township - backstop);
  // a township's share moves up: escalatedFromTownship / (township + escalatedFromTownship) = townshipEscalates
  const fromVillage = Math.min(township, Math.round((village * SHARES.villageEscalates) / (1 - SHARES.villageEscalates)));
  const fromTownship = Math.min(district + backstop, Math.round((township * SHARES.townshipEscalates) / (1 - SHARES.townshipEscalates)));
  const fromVillageViaTownship = township > 0 ? Math.round((fromTownship * fromVillage) / township) : 0;
  const fates: Fate[] = [];
  const add = (n: number, path: Level[], isBackstop = false) => {
    for (let i = 0; i < n; i++) fates.push({ path, backstop: isBackstop });
  };
  add(village, ['village']);
  add(fromVillage, ['village', 'township']);
  add(township - fromVillage, ['township']);
  // of the district's requests (solved there or taken as backstop), `fromTownship` came up from a township
  const districtHandled = district + backstop;
  const arrived: Level[][] = [];
  for (let i = 0; i < districtHandled; i++) {
    if (i < fromVillageViaTownship) arrived.push(['village', 'township', 'district']);
    else if (i < fromTownship) arrived.push(['township', 'district']);
    else arrived.push(['district']);
  }
  // the backstop cases are spread over the district's requests, whatever path they came by
  const every = backstop > 0 ? districtHandled / backstop : Infinity;
  arrived.forEach((path, i) => add(1, path, backstop > 0 && Math.floor(i % every) === 0 && Math.floor(i / every) < backstop));
  return fates;
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export interface Workload {
  plans: RequestPlan[];
  /** arrival days from the first to the last, `YYYY-MM-DD` */
  days: string[];
}

export function generateWorkload(options: WorkloadOptions): Workload {
  const { scale, places, departments } = options;
  if (!(scale > 0 && scale <= 1)) throw new Error(`scale must be above 0 and at most 1, got ${scale}`);
  if (places.length === 0) throw new Error('the store has no villages or communities to place requests in');
  const random = seededRandom(options.seed);
  const years = Object.keys(VALID_PER_YEAR).map(Number) as StudyYear[];
  const days = years.flatMap(daysOf);

  const arrivals: string[] = [];
  for (const year of years) arrivals.push(...spread(Math.max(1, Math.round(VALID_PER_YEAR[year] * scale)), daysOf(year), random));
  const fates = shuffle(levelPaths(arrivals.length), random);
  const invalidDays = spread(Math.round(INVALID_TOTAL * scale), days, random);

  type Arrival = { day: string; fate?: Fate };
  const all: Arrival[] = [...arrivals.map((day, i) => ({ day, fate: fates[i] })), ...invalidDays.map((day) => ({ day }))];
  all.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));

  const perYear = new Map<string, number>();
  const plans = all.map(({ day, fate }, index): RequestPlan => {
    const year = day.slice(0, 4);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const domain = random.pick(DOMAINS);
    const start = fate?.path[0] ?? 'village';
    const listType = random.weighted(start === 'village' ? EASY_LISTS : HARD_LISTS);
    const path = fate?.path ?? [];
    const handledAtTownship = path.includes('township');
    const joint =
      handledAtTownship && random.chance(SHARES.joint)
        ? (() => {
            const named = shuffle([...departments], random).slice(0, random.int(1, 2));
            return { departments: named, lateDepartment: random.chance(SHARES.lateReport) ? named[0] : undefined };
          })()
        : undefined;
    const leaves = path.length - 1 + (fate?.backstop ? 1 : 0);
    const final = path[path.length - 1];
    return {
      id: `R${year}-${String(n).padStart(5, '0')}`,
      index,
      day,
      valid: fate !== undefined,
      channel: random.weighted(CHANNEL_WEIGHTS),
      place: random.pick(places),
      summary: `${random.pick(MATTERS[domain])}(回放样本 ${index + 1})`,
      listType,
      domain,
      path,
      escalations: Array.from({ length: leaves }, () => (random.chance(SHARES.escalationByRefusal) ? 'refused_twice' : 'cannot_solve')),
      backstop: fate?.backstop ?? false,
      timeLimitChoice: start === 'township' ? (random.chance(0.7) ? 30 : 60) : start === 'district' ? 90 : undefined,
      joint,
      stagedMilestones: final !== undefined && final !== 'village' && !fate?.backstop && random.chance(SHARES.staged) ? random.int(2, 3) : 0,
      missingSignature: random.chance(SHARES.missingSignature),
      rehandledOnce: random.chance(SHARES.rehandledOnce),
      finalAnswer: random.chance(SHARES.noAnswer) ? 'no_answer' : 'satisfied',
      seed: Math.floor(random.next() * 2 ** 31),
    };
  });
  return { plans, days };
}

/** The level a plan's request ends at in the ledger ('backstop' for the district's backstop). */
export function finalPlace(plan: RequestPlan): Level | 'backstop' | 'invalid' {
  if (!plan.valid) return 'invalid';
  return plan.backstop ? 'backstop' : plan.path[plan.path.length - 1]!;
}
