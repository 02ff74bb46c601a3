// DEMO DATA — not real. A Bazhou-like organisation for trying Suqiu out: every row written here
// carries `demo = 1`; every person's name and every invented place name starts with "（演示）",
// so demo data is visible as such wherever it is shown. Place names taken from the study
// (巴州区, 鼎山镇, 黄梁村, 化成镇) and district bureaus are kept, but the structure below is
// illustrative, not the district's real register.
//
// Requests are not seeded here: demo requests must run through the engine like any other, so
// `npm start` submits them through the API once everything runs (scripts/demo-requests.ts).
import type { DomainArea } from '../../domain/index.js';
import { upsertAccount } from '../accounts.js';
import type { Conn } from '../db.js';
import { addOpen311Key } from '../open311.js';
import { addStaff, setDuty, upsertOrgUnit } from '../org-units.js';
import { hashPassword } from '../passwords.js';
import type { StaffRole, UnitKind } from '../schema.js';

export const DEMO_PREFIX = '（演示）';

interface UnitSeed {
  id: string;
  name: string;
  kind: UnitKind;
  children?: UnitSeed[];
}

const demoName = (name: string): string => `${DEMO_PREFIX}${name}`;

export const DISTRICT_ID = 'bazhou';
export const SPECIAL_TEAM_ID = 'special-team';

/**
 * District bodies the workflows give tasks to (candidate groups `district:<id>`): the joint meeting
 * plans and reviews backstop cases, the discipline commission interviews black-listed units.
 */
export const DISTRICT_BODIES: { id: string; name: string; staff: [string, StaffRole[]][] }[] = [
  { id: 'joint-meeting', name: '区党政联席会议', staff: [['召集人', ['main_leader']], ['联席会议办公室干事', ['clerk', 'handler']]] },
  { id: 'discipline-commission', name: '区纪委监委', staff: [['书记', ['main_leader']], ['监督检查室干事', ['handler']]] },
  { id: 'supervision-group', name: '区督导组', staff: [['组长', ['supervisor', 'main_leader']], ['督导员', ['supervisor']]] },
];

const TOWNSHIPS: UnitSeed[] = [
  {
    id: 'dingshan',
    name: '鼎山镇',
    kind: 'township',
    children: [
      { id: 'dingshan-huangliang', name: '黄梁村', kind: 'village' },
      { id: 'dingshan-xinqiao', name: demoName('新桥村'), kind: 'village' },
      { id: 'dingshan-shimen', name: demoName('石门村'), kind: 'village' },
    ],
  },
  {
    id: 'huacheng',
    name: '化成镇',
    kind: 'township',
    children: [
      { id: 'huacheng-baihe', name: demoName('白鹤村'), kind: 'village' },
      { id: 'huacheng-liyuan', name: demoName('梨园村'), kind: 'village' },
    ],
  },
  {
    id: 'zengkou',
    name: '曾口镇',
    kind: 'township',
    children: [{ id: 'zengkou-gulou', name: demoName('古楼村'), kind: 'village' }],
  },
  {
    id: 'dongcheng',
    name: '东城街道',
    kind: 'street',
    children: [
      { id: 'dongcheng-wenchang', name: demoName('文昌社区'), kind: 'community' },
      { id: 'dongcheng-lianhua', name: demoName('莲花社区'), kind: 'community' },
    ],
  },
  {
    id: 'jiangbei',
    name: '江北街道',
    kind: 'street',
    children: [{ id: 'jiangbei-binhe', name: demoName('滨河社区'), kind: 'community' }],
  },
];

export const DEPARTMENTS: { id: string; name: string }[] = [
  { id: 'water-bureau', name: '区水利局' },
  { id: 'housing-bureau', name: '区住建局' },
  { id: 'agriculture-bureau', name: '区农业农村局' },
  { id: 'hrss-bureau', name: '区人社局' },
  { id: 'health-bureau', name: '区卫健局' },
  { id: 'education-bureau', name: '区教育局' },
  { id: 'natural-resources-bureau', name: '区自然资源局' },
  { id: 'police-branch', name: '区公安分局' },
  { id: 'finance-bureau', name: '区财政局' },
  { id: 'transport-bureau', name: '区交通运输局' },
  { id: 'civil-affairs-bureau', name: '区民政局' },
  { id: 'environment-bureau', name: '区生态环境局' },
  { id: 'enforcement-bureau', name: '区综合行政执法局' },
  { id: 'justice-bureau', name: '区司法局' },
  { id: 'petitions-bureau', name: '区信访局' },
];

/** The duty list: the department that leads on each of the 15 domains. */
export const DEMO_DUTIES: Readonly<Record<DomainArea, string>> = {
  agriculture_rural: 'agriculture-bureau',
  natural_resources: 'natural-resources-bureau',
  urban_rural_construction: 'housing-bureau',
  labour_social_security: 'hrss-bureau',
  health: 'health-bureau',
  education: 'education-bureau',
  policy_fulfilment: 'finance-bureau',
  public_security: 'police-branch',
  community_governance: 'housing-bureau',
  water_resources: 'water-bureau',
  transport: 'transport-bureau',
  civil_affairs: 'civil-affairs-bureau',
  ecology_environment: 'environment-bureau',
  urban_management: 'enforcement-bureau',
  disputes_legal: 'justice-bureau',
};

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];

/** Staff per kind of unit: [role title shown in the name, roles]. */
const STAFF_BY_KIND: Readonly<Record<UnitKind, [string, StaffRole[]][]>> = {
  district: [['书记', ['main_leader']], ['督查员', ['supervisor']], ['流程设计员', ['designer']], ['系统管理员', ['admin']]],
  special_team: [['专班组长', ['main_leader']], ['专班副组长', ['leader_in_charge']], ['专班干事', ['handler', 'clerk']]],
  department: [['局长', ['main_leader']], ['副局长', ['leader_in_charge']], ['科员', ['handler']]],
  district_body: [], // each body's staff is listed with it (DISTRICT_BODIES)
  township: [['书记', ['main_leader']], ['副镇长', ['leader_in_charge']], ['快处中心干事', ['handler', 'clerk']]],
  street: [['书记', ['main_leader']], ['副主任', ['leader_in_charge']], ['快处中心干事', ['handler', 'clerk']]],
  // three people, so the four signatures of a village request come from four different people
  village: [['村支书', ['main_leader']], ['网格员', ['handler', 'collector']], ['村委会副主任', ['leader_in_charge']]],
  community: [['社区书记', ['main_leader']], ['网格员', ['handler', 'collector']], ['社区居委会副主任', ['leader_in_charge']]],
};

/** The password of every demo account (API.md). */
export const DEMO_PASSWORD = 'demo';
/** The Open311 demo API key (API.md): civic apps trying the demo POST requests with it. */
export const DEMO_OPEN311_KEY = 'demo-open311-key';

/**
 * The demo accounts of API.md: username → staff id. Every other demo member of staff can log in
 * too, with their staff id as username (the replay's simulated staff do).
 */
export const DEMO_ACCOUNTS: Readonly<Record<string, string>> = {
  'huangliang-handler': 'dingshan-huangliang-staff-2',
  'huangliang-leader': 'dingshan-huangliang-staff-3',
  'huangliang-head': 'dingshan-huangliang-staff-1',
  'dingshan-handler': 'dingshan-staff-3',
  'dingshan-leader': 'dingshan-staff-2',
  'dingshan-head': 'dingshan-staff-1',
  'water-handler': 'water-bureau-staff-3',
  'special-team': 'special-team-staff-3',
  supervisor: 'supervision-group-staff-2',
  designer: 'bazhou-staff-3',
  admin: 'bazhou-staff-4',
};

export interface SeedSummary {
  units: number;
  staff: number;
  duties: number;
  accounts: number;
}

export interface SeedOptions {
  now?: Date;
  /** also a login for every member of staff (default true; password `demo`) */
  accounts?: boolean;
  /** the stored hash of the demo password (default `hashPassword(DEMO_PASSWORD)`, at the real accounts' cost) */
  passwordHash?: string;
}

/** Loads the demo organisation, duty list, staff and their logins. Safe to run again. */
export function seedDemo(conn: Conn, options: SeedOptions = {}): SeedSummary {
  const now = options.now ?? new Date();
  // one hash for every demo login: they share the published password anyway, and hashing ~100
  // times would make every fresh store wait seconds
  const passwordHash = options.accounts === false ? undefined : (options.passwordHash ?? hashPassword(DEMO_PASSWORD));
  return conn.transaction((tx) => {
    let units = 0;
    const staffIds: string[] = [];
    const addUnit = (u: { id: string; name: string; kind: UnitKind; staff?: [string, StaffRole[]][] }, parentId: string | null): void => {
      const level = u.kind === 'village' || u.kind === 'community' ? 'village' : u.kind === 'township' || u.kind === 'street' ? 'township' : 'district';
      upsertOrgUnit(tx, { id: u.id, name: u.name, kind: u.kind, level, parentId, demo: true });
      units++;
      (u.staff ?? STAFF_BY_KIND[u.kind]).forEach(([title, roles], i) => {
        const surname = SURNAMES[(units * 3 + i) % SURNAMES.length];
        const id = `${u.id}-staff-${i + 1}`;
        addStaff(tx, { id, unitId: u.id, name: demoName(`${surname}${title}`), roles, demo: true });
        staffIds.push(id);
      });
    };

    addUnit({ id: DISTRICT_ID, name: '巴州区', kind: 'district' }, null);
    addUnit({ id: SPECIAL_TEAM_ID, name: '区专班', kind: 'special_team' }, DISTRICT_ID);
    for (const d of DEPARTMENTS) addUnit({ ...d, kind: 'department' }, DISTRICT_ID);
    for (const t of TOWNSHIPS) {
      addUnit(t, DISTRICT_ID);
      for (const v of t.children ?? []) addUnit(v, t.id);
    }
    for (const b of DISTRICT_BODIES) addUnit({ ...b, kind: 'district_body' }, DISTRICT_ID);

    const dutyEntries = Object.entries(DEMO_DUTIES) as [DomainArea, string][];
    for (const [domain, unitId] of dutyEntries) setDuty(tx, domain, unitId, true);

    let accountCount = 0;
    if (passwordHash !== undefined) {
      const named = new Map(Object.entries(DEMO_ACCOUNTS).map(([username, staffId]) => [staffId, username]));
      for (const staffId of staffIds) {
        upsertAccount(tx, { username: named.get(staffId) ?? staffId, staffId, passwordHash, demo: true, at: now });
        accountCount++;
      }
    }

    addOpen311Key(tx, { name: 'demo', key: DEMO_OPEN311_KEY, at: now, demo: true });

    return { units, staff: staffIds.length, duties: dutyEntries.length, accounts: accountCount };
  });
}
