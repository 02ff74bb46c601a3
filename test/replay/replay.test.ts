// The replay at a small scale, as CI runs it: the workload goes through the API (a child process,
// as `npm start` runs it), the engine, the real workers (a child process, killed with kill -9 twice
// while they hold jobs, and restarted) and the simulated staff and citizens, each at the API's door
// with their own session or the lookup code; afterwards the store must hold every planned request
// exactly once, each finished one where its plan says, re-handled and moved as often as planned,
// and every signature and whistle must be a person's act recorded by the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { renderTable } from '../../replay/figures.js';
import { replay, type ReplayResult } from '../../replay/run.js';
import { openStore } from '../../store/db.js';

const dir = mkdtempSync(join(tmpdir(), 'suqiu-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'replay');

describe('npm run replay (small scale, first half of 2021)', () => {
  let result: ReplayResult;

  it('runs every request through the API and loses or double-counts nothing when the workers are killed twice', async () => {
    // given: 2 % of the study's workload up to the end of June 2021, the workers killed twice
    const options = { scale: 0.02, seed: 7, dataDir, killWorkers: 2, until: '2021-06-30', log: () => {}, progress: false };

    // when
    result = await replay(options);

    // then
    expect(result.workerKills).toBe(2);
    expect(result.requests).toBeGreaterThan(100);
    expect(result.mismatches).toEqual([]);
    expect(result.measured.valid + result.measured.invalid).toBe(result.requests);
    expect(result.measured.closed).toBeGreaterThan(result.measured.valid * 0.8);
    expect(result.answersGiven).toBeGreaterThan(result.measured.closed * 0.5);
  }, 300_000);

  it('leaves in the store only signatures and whistles people gave through the API', () => {
    // given: the store of the run above
    const store = openStore(join(dataDir, 'suqiu.db'));
    const one = (query: ReturnType<typeof sql>) => store.db.get<{ n: number }>(query)?.n ?? 0;
    try {
      // when
      const signatures = {
        total: one(sql`select count(*) as n from sign_offs`),
        notAPersonsAct: one(sql`select count(*) as n from sign_offs where method is null or (role <> 'citizen' and signer_staff_id is null)`),
        citizenOtherThanLookupCode: one(sql`select count(*) as n from sign_offs where role = 'citizen' and method <> 'lookup_code'`),
        staffOtherThanLogin: one(sql`select count(*) as n from sign_offs where role <> 'citizen' and method <> 'login'`),
        onePersonTwoRoles: one(sql`select count(*) as n from (select request_id, round, signer_staff_id from sign_offs where signer_staff_id is not null group by 1, 2, 3 having count(*) > 1)`),
      };
      const closings = one(sql`select count(*) as n from case_events where kind = 'signed_off'`);
      const fullRounds = one(sql`select count(*) as n from (select request_id, round from sign_offs group by 1, 2 having count(*) = 4)`);
      const whistles = {
        total: one(sql`select count(*) as n from whistles`),
        // the case event of each whistle names who blew it: a member of staff of the township that did
        blownByTheTownship: one(sql`
          select count(*) as n from whistles w
          join case_events e on e.kind = 'whistle' and json_extract(e.detail, '$.whistleId') = w.id
          join staff s on s.id = e.actor and s.unit_id = w.blown_by_unit_id
          where w.idempotency_key like 'joint:%'`),
      };
      const nonReports = one(sql`select count(*) as n from department_reports where non_report_recorded_at is not null`);
      const answers = store.db.all<{ outcome: string; n: number }>(sql`select outcome, count(*) as n from follow_ups group by 1`);

      // then: each closing had the four signatures of its round, each by its own person, as the API records them
      expect(signatures.total).toBeGreaterThan(0);
      expect(signatures).toMatchObject({ notAPersonsAct: 0, citizenOtherThanLookupCode: 0, staffOtherThanLogin: 0, onePersonTwoRoles: 0 });
      expect(closings).toBe(fullRounds);
      expect(closings).toBeGreaterThan(result.measured.valid * 0.8);
      // and the township blew every whistle the departments reported to (or failed to)
      expect(whistles.total).toBeGreaterThan(0);
      expect(whistles.blownByTheTownship).toBe(whistles.total);
      expect(nonReports).toBe(result.measured.nonReports);
      // and the citizens answered with the three answers of the public door (基本满意 among them)
      expect(answers.map((a) => a.outcome)).toEqual(expect.arrayContaining(['satisfied', 'basically_satisfied', 'no_response']));
    } finally {
      store.close();
    }
  });

  it('measures the figures from the store and sets them beside the study', () => {
    // given: the run above
    const table = renderTable(result.rows);

    // then: every level of the ledger is used and the table names the study's figures
    expect(result.measured.ledger.village).toBeGreaterThan(0);
    expect(result.measured.ledger.township).toBeGreaterThan(0);
    expect(result.measured.ledger.district).toBeGreaterThan(0);
    expect(result.measured.validPerYear['2021']).toBe(result.measured.valid);
    expect(table).toMatch(/\| ledgered at village\/community +\| 364 +\|/);
    expect(table).toContain('closure rate (to Aug 2024)');
  });
});
