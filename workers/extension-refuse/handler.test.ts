import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { extensionsOf } from '../../store/extensions.js';
import { pendingNotifications } from '../../store/notifications.js';
import { getRequest } from '../../store/requests.js';
import { DEMO, givenStore, jobOf, requestOnLedger, T0 } from '../shared/testing.js';
import { refuseExtension } from './handler.js';

const DAY = 86_400_000;
const day = (n: number) => new Date(T0.getTime() + n * DAY);
const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

const vars = (refusedBy: string, askedOn: number) => ({
  requestId: 'R-1',
  responsibleUnit: DEMO.villageGroup,
  refusedBy,
  extensionRequest: { days: 30, reason: '工程量大', askedAt: iso(day(askedOn)), deadline: iso(day(15)) },
  // an earlier round's note may still be visible to the rule's refusal
  extensionNote: '理由不充分',
  deadlines: { deadline: iso(day(15)), warnAt: iso(day(12)) },
});

describe('suqiu.extension.refuse', () => {
  it('records the leader\'s refusal with the leader\'s note; the deadline stays', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    g.at(day(12));

    // when
    const out = await refuseExtension(jobOf('suqiu.extension.refuse', vars('leader', 11)), g.deps);

    // then
    expect(out).toEqual({});
    expect(extensionsOf(g.store.db, 'R-1')).toMatchObject([{ days: 30, requestedAt: day(11), oldDeadline: day(15), approved: false, newDeadline: null, decisionNote: '理由不充分', decidedAt: day(12) }]);
    expect(getRequest(g.store.db, 'R-1')?.deadline).toEqual(day(15));
    expect(caseFile(g.store.db, 'R-1').find((e) => e.kind === 'extension_refused')?.detail).toMatchObject({ refusedBy: 'leader' });
    const [notice] = pendingNotifications(g.store.db);
    expect(notice).toMatchObject({ channel: 'internal', recipient: DEMO.village });
    expect(notice!.text).toContain('未获批准');
  });

  it('records the rule\'s refusal of a request made after the deadline, not a leader\'s note', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    g.at(day(16));

    // when
    await refuseExtension(jobOf('suqiu.extension.refuse', vars('rule', 16)), g.deps);

    // then
    const [row] = extensionsOf(g.store.db, 'R-1');
    expect(row).toMatchObject({ approved: false, requestedAt: day(16) });
    expect(row!.decisionNote).toContain('期限已届满');
    expect(caseFile(g.store.db, 'R-1').find((e) => e.kind === 'extension_refused')?.detail).toMatchObject({ refusedBy: 'rule' });
    expect(pendingNotifications(g.store.db)[0]!.text).toContain('届满前提出');
  });

  it('records once when the same job runs again, and raises an incident without refusedBy', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const job = jobOf('suqiu.extension.refuse', vars('leader', 11));
    await refuseExtension(job, g.deps);

    // when
    await refuseExtension(job, g.deps);

    // then
    expect(extensionsOf(g.store.db, 'R-1')).toHaveLength(1);
    await expect(refuseExtension(jobOf('suqiu.extension.refuse', vars('nobody', 11)), g.deps)).rejects.toMatchObject({ name: 'IncidentError' });
  });
});
