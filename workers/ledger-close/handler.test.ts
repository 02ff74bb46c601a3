import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { ledgerHistory } from '../../store/ledger.js';
import { getRequest } from '../../store/requests.js';
import { recordSignOff, signOffsOf } from '../../store/sign-offs.js';
import { countRehandling } from '../../store/follow-ups.js';
import { IncidentError } from '../shared/job.js';
import { givenStore, jobOf, requestOnLedger, T0, type Given } from '../shared/testing.js';
import { closeLedger } from './handler.js';

const SIGNED = { citizenSigned: true, handlerSigned: true, leaderInChargeSigned: true, mainLeaderSigned: true };
const VILLAGE_STAFF = { handler: 'dingshan-huangliang-staff-2', leader_in_charge: 'dingshan-huangliang-staff-3', main_leader: 'dingshan-huangliang-staff-1' } as const;

/** The signatures as the API records them: the citizen with the lookup code, the unit's staff with their logins. */
function signedThroughTheApi(g: Given, requestId: string, roles: readonly ('citizen' | 'handler' | 'leader_in_charge' | 'main_leader')[], round?: number): void {
  for (const role of roles) {
    if (role === 'citizen') recordSignOff(g.store.db, { requestId, role, signerName: '（演示）村民甲', method: 'lookup_code', round, at: T0 });
    else recordSignOff(g.store.db, { requestId, role, signerName: `黄梁村${role}`, signerStaffId: VILLAGE_STAFF[role], method: 'login', round, at: T0 });
  }
}

describe('suqiu.ledger.close', () => {
  it('closes the request and its ledger entry when the store holds the four signatures of the round', async () => {
    // given: the four signed through the API
    const g = givenStore();
    const entryId = requestOnLedger(g, 'R-1');
    signedThroughTheApi(g, 'R-1', ['citizen', 'handler', 'leader_in_charge', 'main_leader']);
    const signaturesBefore = signOffsOf(g.store.db, 'R-1');

    // when
    const out = await closeLedger(jobOf('suqiu.ledger.close', { requestId: 'R-1', ledgerEntryId: String(entryId), ...SIGNED }), g.deps);

    // then: closed, and the signatures are the people's, untouched
    expect(out).toEqual({ closedAt: '2024-05-10T01:00:00Z' });
    expect(getRequest(g.store.db, 'R-1')).toMatchObject({ status: 'closed', closedAt: T0 });
    expect(ledgerHistory(g.store.db, 'R-1').entries[0]).toMatchObject({ closedAt: T0, closeReason: 'closed' });
    expect(caseFile(g.store.db, 'R-1').map((e) => e.kind)).toContain('signed_off');
    expect(signOffsOf(g.store.db, 'R-1')).toEqual(signaturesBefore);
    expect(signaturesBefore.map((s) => [s.role, s.signerStaffId, s.method])).toEqual([
      ['citizen', null, 'lookup_code'],
      ['handler', VILLAGE_STAFF.handler, 'login'],
      ['leader_in_charge', VILLAGE_STAFF.leader_in_charge, 'login'],
      ['main_leader', VILLAGE_STAFF.main_leader, 'login'],
    ]);
  });

  it('raises an incident naming the signatures the store lacks, records none itself and closes nothing', async () => {
    // given: the flags say four, the store holds the citizen's and the handler's only
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    signedThroughTheApi(g, 'R-1', ['citizen', 'handler']);

    // when
    const closed = closeLedger(jobOf('suqiu.ledger.close', { requestId: 'R-1', ...SIGNED }), g.deps);

    // then
    await expect(closed).rejects.toThrow(IncidentError);
    await expect(closed).rejects.toThrow(/分管领导、主要领导/);
    expect(signOffsOf(g.store.db, 'R-1').map((s) => s.role)).toEqual(['citizen', 'handler']);
    expect(getRequest(g.store.db, 'R-1')?.closedAt).toBeNull();
    expect(caseFile(g.store.db, 'R-1').map((e) => e.kind)).not.toContain('signed_off');
  });

  it('counts only a person\'s act: a row that says neither how it was signed nor which member of staff signed is missing', async () => {
    // given: a handler's row without a login behind it
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    signedThroughTheApi(g, 'R-1', ['citizen', 'leader_in_charge', 'main_leader']);
    recordSignOff(g.store.db, { requestId: 'R-1', role: 'handler', signerName: '黄梁村办理人', at: T0 });

    // when
    const closed = closeLedger(jobOf('suqiu.ledger.close', { requestId: 'R-1', ...SIGNED }), g.deps);

    // then
    await expect(closed).rejects.toThrow(/办理人/);
    expect(getRequest(g.store.db, 'R-1')?.closedAt).toBeNull();
  });

  it('asks for the signatures of the current round: those of an earlier round do not close a re-handled request', async () => {
    // given: round 1 was signed, the citizen was unsatisfied, round 2 has only the citizen's signature
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    signedThroughTheApi(g, 'R-1', ['citizen', 'handler', 'leader_in_charge', 'main_leader'], 1);
    countRehandling(g.store.db, { requestId: 'R-1', idempotencyKey: 'rehandle:1', at: T0 });
    signedThroughTheApi(g, 'R-1', ['citizen'], 2);

    // when
    const closed = closeLedger(jobOf('suqiu.ledger.close', { requestId: 'R-1', ...SIGNED }), g.deps);

    // then
    await expect(closed).rejects.toThrow(/办理人、分管领导、主要领导 for round 2/);
  });

  it('changes nothing when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    signedThroughTheApi(g, 'R-1', ['citizen', 'handler', 'leader_in_charge', 'main_leader']);
    const job = jobOf('suqiu.ledger.close', { requestId: 'R-1', ...SIGNED });
    const first = await closeLedger(job, g.deps);
    const events = caseFile(g.store.db, 'R-1').length;

    // when
    g.at(new Date(T0.getTime() + 86_400_000));
    const second = await closeLedger(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(caseFile(g.store.db, 'R-1')).toHaveLength(events);
  });

  it('refuses to close when a flag says a signature was refused (an incident: the diagram never sends that)', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    signedThroughTheApi(g, 'R-1', ['citizen', 'handler', 'leader_in_charge', 'main_leader']);

    // when
    const closed = closeLedger(jobOf('suqiu.ledger.close', { requestId: 'R-1', ...SIGNED, mainLeaderSigned: false }), g.deps);

    // then
    await expect(closed).rejects.toThrow(IncidentError);
    await expect(closed).rejects.toThrow(/主要领导/);
    expect(getRequest(g.store.db, 'R-1')?.closedAt).toBeNull();
  });
});
