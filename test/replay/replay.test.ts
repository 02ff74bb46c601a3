// The replay at a small scale, as CI runs it: the workload goes through the engine, the real
// workers (a child process, killed with kill -9 twice while they hold jobs, and restarted) and the
// simulated staff on the REST API; afterwards the store must hold every planned request exactly
// once, each finished one where its plan says, re-handled and moved as often as planned.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderTable } from '../../replay/figures.js';
import { replay, type ReplayResult } from '../../replay/run.js';

const dir = mkdtempSync(join(tmpdir(), 'suqiu-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run replay (small scale, first half of 2021)', () => {
  let result: ReplayResult;

  it('runs every request through and loses or double-counts nothing when the workers are killed twice', async () => {
    // given: 2 % of the study's workload up to the end of June 2021, the workers killed twice
    const options = { scale: 0.02, seed: 7, dataDir: join(dir, 'replay'), killWorkers: 2, until: '2021-06-30', log: () => {}, progress: false };

    // when
    result = await replay(options);

    // then
    expect(result.workerKills).toBe(2);
    expect(result.requests).toBeGreaterThan(100);
    expect(result.mismatches).toEqual([]);
    expect(result.measured.valid + result.measured.invalid).toBe(result.requests);
    expect(result.measured.closed).toBeGreaterThan(result.measured.valid * 0.8);
  }, 240_000);

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
