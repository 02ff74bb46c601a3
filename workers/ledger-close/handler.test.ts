import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { ledgerHistory } from '../../store/ledger.js';
import { getRequest } from '../../store/requests.js';
import { recordSignOff, signOffCheck, signOffsOf } from '../../store/sign-offs.js';
import { IncidentError } from '../shared/job.js';
import { givenStore, jobOf, requestOnLedger, T0 } from '../shared/testing.js';
import { closeLedger } from './handler.js';

const SIGNED = { citizenSigned: true, handlerSigned: true, leaderInChargeSigned: true, mainLeaderSigned: true };

describe('suqiu.ledger.close', () => {
  it('closes the request and its ledger entry with the four signatures', async () => {
    // given
    const g = givenStore();
    const entryId = requestOnLedger(g, 'R-1');

    // when
    const out = await closeLedger(jobOf('suqiu.ledger.close', { requestId: 'R-1', ledgerEntryId: String(entryId), ...SIGNED }), g.deps);

    // then
    expect(out).toEqual({ closedAt: '2024-05-10T01:00:00Z' });
    expect(getRequest(g.store.db, 'R-1')).toMatchObject({ status: 'closed', closedAt: T0 });
    expect(ledgerHistory(g.store.db, 'R-1').entries[0]).toMatchObject({ closedAt: T0, closeReason: 'closed' });
    expect(caseFile(g.store.db, 'R-1').map((e) => e.kind)).toContain('signed_off');
    expect(signOffCheck(g.store.db, 'R-1', 1)).toEqual({ complete: true, missing: [] });
    expect(signOffsOf(g.store.db, 'R-1').map((s) => [s.round, s.role, s.signerName, s.signedAt])).toEqual([
      [1, 'citizen', '诉求人', T0],
      [1, 'handler', '黄梁村办理人', T0],
      [1, 'leader_in_charge', '黄梁村分管领导', T0],
      [1, 'main_leader', '黄梁村主要领导', T0],
    ]);
  });

  it('keeps a signature the workbench recorded with the signer\'s name', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    recordSignOff(g.store.db, { requestId: 'R-1', role: 'handler', signerName: '（演示）网格员', signerStaffId: 'dingshan-huangliang-staff-2', at: T0 });

    // when
    await closeLedger(jobOf('suqiu.ledger.close', { requestId: 'R-1', ...SIGNED }), g.deps);

    // then
    const rows = signOffsOf(g.store.db, 'R-1');
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.role === 'handler')).toMatchObject({ signerName: '（演示）网格员', signerStaffId: 'dingshan-huangliang-staff-2' });
  });

  it('changes nothing when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
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

  it('refuses to close without all four signatures (an incident: the diagram never sends that)', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');

    // when
    const closed = closeLedger(jobOf('suqiu.ledger.close', { requestId: 'R-1', ...SIGNED, mainLeaderSigned: false }), g.deps);

    // then
    await expect(closed).rejects.toThrow(IncidentError);
    await expect(closed).rejects.toThrow(/主要领导/);
    expect(getRequest(g.store.db, 'R-1')?.closedAt).toBeNull();
    expect(signOffCheck(g.store.db, 'R-1').complete).toBe(false);
  });
});
