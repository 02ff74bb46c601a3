import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { getRequest } from '../../store/requests.js';
import { notifications } from '../../store/schema.js';
import { receive } from '../../store/testing.js';
import { IncidentError } from '../shared/job.js';
import { givenStore, jobOf, T0, type Given } from '../shared/testing.js';
import { mergeRequestHandler } from './handler.js';

const outbox = (g: Given) => g.store.db.select().from(notifications).all();

describe('suqiu.request.merge', () => {
  it('marks the request merged into the master, writes both case files and tells the citizen by SMS', async () => {
    // given
    const g = givenStore();
    receive(g.store.db, 'R-MASTER', { text: '村口路灯坏了' });
    receive(g.store.db, 'R-1', { text: '村口的路灯坏了三天了', citizen: { name: '张三', phone: '13812345678' } });

    // when
    const out = await mergeRequestHandler(jobOf('suqiu.request.merge', { requestId: 'R-1', mergeInto: 'R-MASTER' }), g.deps);

    // then
    expect(out).toEqual({ mergedAt: '2024-05-10T01:00:00Z' });
    expect(getRequest(g.store.db, 'R-1')).toMatchObject({ status: 'merged', mergedInto: 'R-MASTER', closedAt: T0 });
    expect(caseFile(g.store.db, 'R-1').map((e) => [e.kind, e.detail])).toContainEqual(['merged', { into: 'R-MASTER' }]);
    expect(caseFile(g.store.db, 'R-MASTER').map((e) => [e.kind, e.detail])).toContainEqual(['merged_in', { from: 'R-1' }]);
    expect(outbox(g)).toMatchObject([{ channel: 'sms', recipient: '13812345678', requestId: 'R-1', text: expect.stringContaining('R-MASTER') }]);
  });

  it('sends nothing to a citizen without a phone number', async () => {
    // given
    const g = givenStore();
    receive(g.store.db, 'R-MASTER');
    receive(g.store.db, 'R-1', { citizen: { name: '李四' } });

    // when
    await mergeRequestHandler(jobOf('suqiu.request.merge', { requestId: 'R-1', mergeInto: 'R-MASTER' }), g.deps);

    // then
    expect(getRequest(g.store.db, 'R-1')?.status).toBe('merged');
    expect(outbox(g)).toEqual([]);
  });

  it('changes nothing when the same job runs again', async () => {
    // given
    const g = givenStore();
    receive(g.store.db, 'R-MASTER');
    receive(g.store.db, 'R-1', { citizen: { phone: '13812345678' } });
    const job = jobOf('suqiu.request.merge', { requestId: 'R-1', mergeInto: 'R-MASTER' });
    const first = await mergeRequestHandler(job, g.deps);

    // when
    g.at(new Date(T0.getTime() + 60_000));
    const second = await mergeRequestHandler(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(caseFile(g.store.db, 'R-MASTER').filter((e) => e.kind === 'merged_in')).toHaveLength(1);
    expect(outbox(g)).toHaveLength(1);
  });

  it('raises an incident for a master that does not exist, is merged itself or is invalid', async () => {
    // given
    const g = givenStore();
    receive(g.store.db, 'R-1');
    receive(g.store.db, 'R-2');
    receive(g.store.db, 'R-3');
    receive(g.store.db, 'R-INVALID');
    await mergeRequestHandler(jobOf('suqiu.request.merge', { requestId: 'R-2', mergeInto: 'R-3' }), g.deps);
    g.store.sqlite.prepare("update requests set status = 'invalid' where id = 'R-INVALID'").run();

    // when
    const missing = mergeRequestHandler(jobOf('suqiu.request.merge', { requestId: 'R-1', mergeInto: 'R-NONE' }), g.deps);
    const merged = mergeRequestHandler(jobOf('suqiu.request.merge', { requestId: 'R-1', mergeInto: 'R-2' }), g.deps);
    const invalid = mergeRequestHandler(jobOf('suqiu.request.merge', { requestId: 'R-1', mergeInto: 'R-INVALID' }), g.deps);
    const itself = mergeRequestHandler(jobOf('suqiu.request.merge', { requestId: 'R-1', mergeInto: 'R-1' }), g.deps);

    // then
    for (const attempt of [missing, merged, invalid, itself]) await expect(attempt).rejects.toThrow(IncidentError);
    expect(getRequest(g.store.db, 'R-1')).toMatchObject({ status: 'received', mergedInto: null });
  });
});
