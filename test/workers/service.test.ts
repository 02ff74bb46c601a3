// The workers as a service, end to end: the embedded engine with workflows/*.bpmn deployed, the
// runner (workers/runtime) in-process on a file store with the demo organisation, staff completing
// user tasks through the REST API v2, and the service tasks done by the workers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/db.js';
import { caseFile } from '../../store/case-file.js';
import { ledgerHistory } from '../../store/ledger.js';
import { getRequest } from '../../store/requests.js';
import { recordSignOff } from '../../store/sign-offs.js';
import { startWorkers, type RunningWorkers } from '../../workers/runtime/runner.js';
import { jobTypes } from '../../workers/registry.js';
import { EngineWorld, eventually, inProcessWorkersConfig } from './support.js';

let world: EngineWorld;
let store: Store;
let workers: RunningWorkers;
const lines: string[] = [];

beforeAll(async () => {
  world = await EngineWorld.start();
  store = world.openStore();
  workers = await startWorkers({
    config: inProcessWorkersConfig(world.engine.grpcAddress, { SUQIU_WORKERS_RETRY_BACKOFF_MS: '100' }),
    store,
    log: (line) => lines.push(line),
  });
});

afterAll(async () => {
  await workers?.stop();
  store?.close();
  await world?.stop();
});

const REQUEST = {
  requestId: 'REQ-E2E-1',
  townshipId: 'dingshan',
  villageId: 'dingshan-huangliang',
  channel: 'door_to_door',
  summary: '黄梁村二组新居点路灯不亮,晚上出行不便',
};

describe('the workers against the embedded engine', () => {
  it('carry a request from registration through the ledger entry to archiving', async () => {
    // given
    const pi = await world.create('request-lifecycle', REQUEST);

    // when: staff screen and assess; the workers register, suggest, route and open the ledger
    await world.complete('screen', { valid: true, screeningNote: '属实' });
    const assess = await world.task('assess');
    const suggestion = world.variables(pi).suggestion as Record<string, unknown>;
    await world.complete('assess', { listType: 'collective', domain: 'urban_rural_construction', difficulty: 'easy' });
    const accept = await world.task('accept');

    // then
    expect(assess.candidateGroups).toEqual(['district:special-team']);
    expect(suggestion).toMatchObject({ domain: 'urban_rural_construction', difficulty: 'easy' });
    expect(accept.candidateGroups).toEqual(['village:dingshan-huangliang']);
    const vars = world.variables(pi);
    expect(vars).toMatchObject({ responsibleUnit: 'village:dingshan-huangliang', level: 'village', timeLimitDays: 15 });
    expect(typeof vars.registeredAt).toBe('string');
    const { entries } = ledgerHistory(store.db, REQUEST.requestId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ level: 'village', unitId: 'dingshan-huangliang', closedAt: null });
    expect(String(entries[0]!.id)).toBe(vars.ledgerEntryId);
    expect(getRequest(store.db, REQUEST.requestId)).toMatchObject({ status: 'assigned', processInstanceKey: pi, listType: 'collective' });

    // when: the unit handles it, all four sign, the citizen answers satisfied
    await world.complete('accept', {});
    await world.complete('handle-task', { outcome: 'resolved', resolutionNote: '已更换路灯' });
    // (each signature recorded first, as the API records it: suqiu.ledger.close closes only on the four in the store)
    recordSignOff(store.db, { requestId: REQUEST.requestId, role: 'citizen', signerName: '诉求人', method: 'lookup_code' });
    recordSignOff(store.db, { requestId: REQUEST.requestId, role: 'handler', signerName: '黄梁村网格员', signerStaffId: 'dingshan-huangliang-staff-2', method: 'login' });
    recordSignOff(store.db, { requestId: REQUEST.requestId, role: 'leader_in_charge', signerName: '黄梁村副主任', signerStaffId: 'dingshan-huangliang-staff-3', method: 'login' });
    recordSignOff(store.db, { requestId: REQUEST.requestId, role: 'main_leader', signerName: '黄梁村支书', signerStaffId: 'dingshan-huangliang-staff-1', method: 'login' });
    for (const id of ['sign-citizen', 'sign-handler', 'sign-leader-in-charge', 'sign-main-leader']) await world.complete(id, { signed: true });
    await eventually(() => world.variables(pi).followUpAskedAt, 'the follow-up to be asked');
    await world.zbc.publishMessage({ name: 'satisfaction-answered', correlationKey: REQUEST.requestId, variables: { satisfied: true, feedback: '满意' }, timeToLive: 60_000 });

    // then
    await eventually(() => world.engine.inspect.instanceState(pi) === 'COMPLETED', 'the instance to complete');
    expect(world.engine.inspect.incidents(pi)).toEqual([]);
    expect(world.variables(pi)).toMatchObject({ caseFileId: `CF-${REQUEST.requestId}` });
    expect(getRequest(store.db, REQUEST.requestId)?.status).toBe('archived');
    expect(caseFile(store.db, REQUEST.requestId).map((e) => e.kind)).toEqual(
      expect.arrayContaining(['received', 'registered', 'assessed', 'ledger_opened', 'signed_off', 'closed', 'follow_up_asked', 'follow_up', 'archived', 'published']),
    );
    expect(ledgerHistory(store.db, REQUEST.requestId).entries[0]).toMatchObject({ closeReason: 'closed' });
  });

  it('move the ledger entry up to the township when the village cannot solve the request', async () => {
    // given: a request on the village's ledger
    const requestId = 'REQ-E2E-3';
    const pi = await world.create('request-lifecycle', { ...REQUEST, requestId });
    await world.complete('screen', { valid: true });
    await world.complete('assess', { listType: 'individual', domain: 'water_resources', difficulty: 'easy' });
    await world.complete('accept', {});

    // when
    await world.complete('handle-task', { outcome: 'cannot_solve', reason: '需跨部门协调' });
    const accept = await world.task('accept');

    // then
    expect(accept.candidateGroups).toEqual(['township:dingshan']);
    expect(world.variables(pi)).toMatchObject({ level: 'township', responsibleUnit: 'township:dingshan' });
    const { entries, movements } = ledgerHistory(store.db, requestId);
    expect(entries.map((e) => [e.level, e.unitId, e.closeReason])).toEqual([
      ['village', 'dingshan-huangliang', 'escalated'],
      ['township', 'dingshan', null],
    ]);
    expect(movements).toMatchObject([{ fromLevel: 'village', toLevel: 'township' }]);
    expect(String(entries[1]!.id)).toBe(world.variables(pi).ledgerEntryId);
  });

  it('answers /health and counts handled jobs in /metrics', async () => {
    // given
    const base = `http://127.0.0.1:${workers.port}`;

    // when
    const health = await fetch(`${base}/health`);
    const body = (await health.json()) as { status: string; workers: string[] };
    const metrics = await fetch(`${base}/metrics`);
    const text = await metrics.text();

    // then
    expect(health.status).toBe(200);
    expect(body.status).toBe('UP');
    expect(body.workers).toContain('suqiu.ledger.open');
    expect(body.workers).toHaveLength(jobTypes.length);
    expect(metrics.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(text).toContain('# TYPE suqiu_jobs_handled_total counter');
    expect(text).toMatch(/^suqiu_jobs_handled_total\{type="suqiu\.ledger\.open"\} 2$/m);
    expect(text).toMatch(/^suqiu_jobs_handled_total\{type="suqiu\.ledger\.escalate"\} 1$/m);
    expect(text).toMatch(/^suqiu_jobs_handled_total\{type="suqiu\.casefile\.archive"\} 1$/m);
    expect(text).toMatch(/^suqiu_jobs_failed_total\{type="suqiu\.ledger\.open"\} 0$/m);
    expect(text).toMatch(/^suqiu_job_duration_seconds_count\{type="suqiu\.request\.register"\} 2$/m);
    expect(text).toMatch(/^suqiu_job_duration_seconds_bucket\{type="suqiu\.request\.register",le="\+Inf"\} 2$/m);
  });

  it('raises an incident at once for a job the store cannot serve', async () => {
    // given: a village the store does not know
    const pi = await world.create('request-lifecycle', { ...REQUEST, requestId: 'REQ-E2E-2', villageId: 'no-such-village' });

    // when
    const incidents = await eventually(() => {
      const open = world.engine.inspect.incidents(pi).filter((i) => i.state === 'ACTIVE');
      return open.length > 0 ? open : undefined;
    }, 'an incident');

    // then
    expect(incidents[0]).toMatchObject({ elementId: 'register' });
    expect(incidents[0]!.message).toContain('no org unit "no-such-village"');
    expect(getRequest(store.db, 'REQ-E2E-2')).toBeUndefined();
    expect(workers.metrics.failedCount('suqiu.request.register')).toBe(1);
  });
});
