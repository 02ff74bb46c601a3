import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { domainAreas } from '../../domain/index.js';
import { openStore } from '../db.js';
import { candidateGroupOf, childrenOf, unitOfCandidateGroup, dutyList, getOrgUnit, responsibleUnitFor, specialTeam, staffOfUnit, unitsOfKind } from '../org-units.js';
import { publicBoard } from '../board.js';
import { accountByUsername } from '../accounts.js';
import { verifyPassword } from '../passwords.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PREFIX, seedDemo } from './demo.js';

describe('demo seed', () => {
  it('loads a Bazhou-like organisation marked as demo', () => {
    // given
    const { db, close } = openStore();

    // when
    const summary = seedDemo(db);

    // then
    expect(summary.units).toBeGreaterThan(20);
    expect(getOrgUnit(db, 'bazhou')).toMatchObject({ name: '巴州区', level: 'district', demo: true });
    expect(childrenOf(db, 'dingshan').map((u) => u.name)).toContain('黄梁村');
    expect(getOrgUnit(db, 'huacheng')?.name).toBe('化成镇');
    expect(specialTeam(db)?.name).toBe('区专班');
    expect(unitsOfKind(db, 'department').map((u) => u.name)).toEqual(
      expect.arrayContaining(['区水利局', '区住建局', '区农业农村局', '区人社局', '区卫健局', '区教育局', '区自然资源局', '区公安分局']),
    );
    expect(unitsOfKind(db, 'street').length).toBeGreaterThan(0);
    close();
  });

  it('has a duty list that covers all 15 domains', () => {
    // given
    const { db, close } = openStore();
    seedDemo(db);

    // when
    const duties = dutyList(db);

    // then
    expect(duties.map((d) => d.domain).sort()).toEqual([...domainAreas.codes].sort());
    expect(duties.find((d) => d.domain === 'water_resources')?.leadUnitName).toBe('区水利局');
    close();
  });

  it('gives each unit staff whose names are marked as demo, with the four sign-off roles at a township', () => {
    // given
    const { db, close } = openStore();
    seedDemo(db);

    // when
    const people = staffOfUnit(db, 'dingshan');

    // then
    expect(people.every((p) => p.name.startsWith(DEMO_PREFIX))).toBe(true);
    expect(new Set(people.flatMap((p) => p.roles))).toEqual(new Set(['main_leader', 'leader_in_charge', 'handler', 'clerk']));
    expect(staffOfUnit(db, 'dingshan-huangliang', 'collector')).toHaveLength(1);
    close();
  });

  it('names units by the candidate groups of the workflows, and back', () => {
    // given
    const { db, close } = openStore();
    seedDemo(db);
    const ids = ['dingshan-huangliang', 'dongcheng-wenchang', 'dingshan', 'dongcheng', 'water-bureau', 'special-team'];

    // when
    const groups = ids.map((id) => candidateGroupOf(getOrgUnit(db, id)!));

    // then
    expect(groups).toEqual([
      'village:dingshan-huangliang',
      'village:dongcheng-wenchang',
      'township:dingshan',
      'township:dongcheng',
      'department:water-bureau',
      'district:special-team',
    ]);
    expect(groups.map((g) => unitOfCandidateGroup(db, g)?.id)).toEqual(ids);
    expect(unitOfCandidateGroup(db, 'township:main-leader')).toBeUndefined();
    expect(unitOfCandidateGroup(db, 'village:dingshan')).toBeUndefined();
    close();
  });

  it('has a unit for every candidate group the workflows name literally (joint meeting, discipline commission, supervision group, special team)', () => {
    // given
    const { db, close } = openStore();
    seedDemo(db);
    const dir = fileURLToPath(new URL('../../workflows/', import.meta.url));
    const expressions = readdirSync(dir)
      .filter((f) => f.endsWith('.bpmn'))
      .flatMap((f) => [...readFileSync(`${dir}${f}`, 'utf8').matchAll(/candidateGroups="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&quot;', '"')));
    // a whole group name in quotes: "district:joint-meeting" (not a prefix like "township:" + townshipId)
    const literal = [...new Set(expressions.flatMap((e) => [...e.matchAll(/"([a-z]+:[^":]+)"/g)].map((m) => m[1]!)))].sort();

    // when
    const units = literal.map((group) => [group, unitOfCandidateGroup(db, group)?.name]);

    // then
    expect(literal).toEqual(['district:discipline-commission', 'district:joint-meeting', 'district:special-team', 'district:supervision-group']);
    expect(units).toEqual([
      ['district:discipline-commission', '区纪委监委'],
      ['district:joint-meeting', '区党政联席会议'],
      ['district:special-team', '区专班'],
      ['district:supervision-group', '区督导组'],
    ]);
    expect(unitsOfKind(db, 'district_body').every((u) => u.demo && u.level === 'district' && u.parentId === 'bazhou')).toBe(true);
    expect(staffOfUnit(db, 'joint-meeting', 'main_leader')).toHaveLength(1);
    close();
  });

  it('can be loaded twice without changing anything', () => {
    // given
    const { db, sqlite, close } = openStore();
    seedDemo(db);
    const count = (): unknown =>
      sqlite.prepare('select (select count(*) from org_units) u, (select count(*) from staff) s, (select count(*) from staff_roles) r, (select count(*) from accounts) a').get();
    const before = count();

    // when
    seedDemo(db);

    // then
    expect(count()).toEqual(before);
    close();
  });

  it('routes a request to the village, the township or the domain lead department by level', () => {
    // given
    const { db, close } = openStore();
    seedDemo(db);
    const at = { townshipId: 'dingshan', villageId: 'dingshan-huangliang', domain: 'health' as const };

    // when
    const units = (['village', 'township', 'district'] as const).map((level) => responsibleUnitFor(db, { ...at, level }));

    // then
    expect(units).toEqual(['dingshan-huangliang', 'dingshan', 'health-bureau']);
    expect(responsibleUnitFor(db, { level: 'district', townshipId: 'dingshan' })).toBe('special-team');
    expect(responsibleUnitFor(db, { level: 'village', townshipId: 'dongcheng' })).toBe('dongcheng');
    close();
  });

  it('seeds no requests: demo requests run through the engine, started through the API', () => {
    // given
    const { db, close } = openStore();

    // when
    seedDemo(db);

    // then
    expect(publicBoard(db)).toEqual([]);
    close();
  });

  it("has the demo accounts of API.md, each a different person of the named unit and role, password 'demo'", () => {
    // given
    const { db, close } = openStore();
    seedDemo(db);
    const expected: Record<string, [string, string]> = {
      'huangliang-handler': ['dingshan-huangliang', 'handler'],
      'huangliang-leader': ['dingshan-huangliang', 'leader_in_charge'],
      'huangliang-head': ['dingshan-huangliang', 'main_leader'],
      'dingshan-handler': ['dingshan', 'handler'],
      'dingshan-leader': ['dingshan', 'leader_in_charge'],
      'dingshan-head': ['dingshan', 'main_leader'],
      'water-handler': ['water-bureau', 'handler'],
      'special-team': ['special-team', 'handler'],
      supervisor: ['supervision-group', 'supervisor'],
      designer: ['bazhou', 'designer'],
      admin: ['bazhou', 'admin'],
    };

    // when
    const found = Object.keys(expected).map((username) => {
      const account = accountByUsername(db, username)!;
      const person = staffOfUnit(db, expected[username]![0]).find((p) => p.id === account.staffId);
      return [username, person?.unitId, person?.roles.includes(expected[username]![1] as never), verifyPassword(DEMO_PASSWORD, account.passwordHash), account.demo];
    });

    // then
    expect(found).toEqual(Object.entries(expected).map(([username, [unit]]) => [username, unit, true, true, true]));
    expect(new Set(Object.values(DEMO_ACCOUNTS)).size).toBe(Object.keys(DEMO_ACCOUNTS).length);
    expect(getOrgUnit(db, 'supervision-group')?.name).toBe('区督导组');
    close();
  });
});
