import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { extensionsOf } from '../../store/extensions.js';
import { pendingNotifications } from '../../store/notifications.js';
import { getRequest } from '../../store/requests.js';
import { receive } from '../../store/testing.js';
import { DEMO, givenStore, jobOf, requestOnLedger, T0, type Given } from '../shared/testing.js';
import { grantExtension } from './handler.js';

const DAY = 86_400_000;
const day = (n: number) => new Date(T0.getTime() + n * DAY);
const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

/** what the diagram hands over after 顺延办理期限: asked on day 5 for 10 days, deadline day 15 → 25 */
const VARS = {
  requestId: 'R-1',
  responsibleUnit: DEMO.villageGroup,
  timeLimitDays: 15,
  extensionRequest: { days: 10, reason: '需等待供电公司停电检修', askedAt: iso(day(5)), deadline: iso(day(15)) },
  extensionNote: '同意',
  deadlines: { deadline: iso(day(25)), warnAt: iso(day(22)) },
};

function withCitizenPhone(g: Given): void {
  receive(g.store.db, 'R-1', { citizen: { name: '张三', phone: '13800000001' } });
  requestOnLedger(g, 'R-1');
}

describe('suqiu.extension.grant', () => {
  it('records the extension, moves the request\'s deadline and tells the citizen by SMS and the unit', async () => {
    // given
    const g = givenStore();
    withCitizenPhone(g);
    g.at(day(6));

    // when
    const out = await grantExtension(jobOf('suqiu.extension.grant', VARS), g.deps);

    // then
    expect(out).toEqual({});
    expect(extensionsOf(g.store.db, 'R-1')).toMatchObject([
      { unitId: DEMO.village, days: 10, reason: VARS.extensionRequest.reason, requestedAt: day(5), oldDeadline: day(15), approved: true, newDeadline: day(25), decisionNote: '同意', decidedAt: day(6) },
    ]);
    expect(getRequest(g.store.db, 'R-1')).toMatchObject({ deadline: day(25), timeLimitDays: 15 });
    expect(caseFile(g.store.db, 'R-1').map((e) => e.kind)).toContain('extension_granted');
    const notices = pendingNotifications(g.store.db);
    expect(notices.map((n) => [n.channel, n.recipient])).toEqual([
      ['sms', '13800000001'],
      ['internal', DEMO.village],
    ]);
    expect(notices[0]!.text).toContain('延长 10 天');
    expect(notices[0]!.text).not.toContain('供电公司');
  });

  it('tells only the unit when the store has no phone for the citizen', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');

    // when
    await grantExtension(jobOf('suqiu.extension.grant', VARS), g.deps);

    // then
    expect(pendingNotifications(g.store.db).map((n) => n.channel)).toEqual(['internal']);
  });

  it('records once when the same job runs again', async () => {
    // given
    const g = givenStore();
    withCitizenPhone(g);
    const job = jobOf('suqiu.extension.grant', VARS);
    await grantExtension(job, g.deps);

    // when
    await grantExtension(job, g.deps);

    // then
    expect(extensionsOf(g.store.db, 'R-1')).toHaveLength(1);
    expect(pendingNotifications(g.store.db)).toHaveLength(2);
  });

  it('raises an incident when the extension or the new deadline is malformed', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');

    // when / then
    await expect(grantExtension(jobOf('suqiu.extension.grant', { ...VARS, extensionRequest: { ...VARS.extensionRequest, days: null } }), g.deps)).rejects.toMatchObject({ name: 'IncidentError' });
    await expect(grantExtension(jobOf('suqiu.extension.grant', { ...VARS, deadlines: { deadline: null } }), g.deps)).rejects.toMatchObject({ name: 'IncidentError' });
    expect(extensionsOf(g.store.db, 'R-1')).toEqual([]);
  });
});
