import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { publicBoard } from '../../store/board.js';
import { getCitizen, getRequest, requestsAwaitingInstance } from '../../store/requests.js';
import { receive } from '../../store/testing.js';
import { IncidentError } from '../shared/job.js';
import { DEMO, givenStore, jobOf, T0 } from '../shared/testing.js';
import { registerRequest } from './handler.js';

const VARS = { requestId: 'R-1', townshipId: DEMO.township, villageId: DEMO.village, channel: 'door_to_door', summary: '路灯不亮,电话13812345678' };

describe('suqiu.request.register', () => {
  it('records the request, opens its case file and puts it on the public board', async () => {
    // given
    const g = givenStore();

    // when
    const out = await registerRequest(jobOf('suqiu.request.register', VARS), g.deps);

    // then
    expect(out).toEqual({ registeredAt: '2024-05-10T01:00:00Z' });
    expect(getRequest(g.store.db, 'R-1')).toMatchObject({ townshipId: DEMO.township, villageId: DEMO.village, status: 'received', processInstanceKey: '2251799813685000', createdAt: T0 });
    expect(caseFile(g.store.db, 'R-1').map((e) => e.kind)).toEqual(['received', 'registered']);
    expect(publicBoard(g.store.db).map((l) => l.text)).toEqual(['路灯不亮,电话138****5678']);
  });

  it('links a request the API recorded to its instance and marks the instance asked for, so it is not started again', async () => {
    // given: the API stored the request, and stopped before it recorded that the engine took the start message
    const g = givenStore();
    receive(g.store.db, 'R-1', { createdAt: new Date(T0.getTime() - 60_000), citizen: { name: '张三', phone: '13812345678' } });

    // when
    await registerRequest(jobOf('suqiu.request.register', VARS), g.deps);

    // then
    expect(getRequest(g.store.db, 'R-1')).toMatchObject({ processInstanceKey: '2251799813685000', instanceRequestedAt: T0 });
    expect(requestsAwaitingInstance(g.store.db)).toEqual([]);
    expect(getCitizen(g.store.db, 'R-1')).toEqual({ name: '张三', phone: '13812345678' });
  });

  it('changes nothing when the same job runs again', async () => {
    // given
    const g = givenStore();
    const job = jobOf('suqiu.request.register', VARS);
    const first = await registerRequest(job, g.deps);

    // when
    g.at(new Date(T0.getTime() + 60_000));
    const second = await registerRequest(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(caseFile(g.store.db, 'R-1')).toHaveLength(2);
  });

  it('keeps a request the API already recorded, with its citizen', async () => {
    // given
    const g = givenStore();
    await registerRequest(jobOf('suqiu.request.register', VARS), g.deps);

    // when: a second registration of the same request (e.g. a new instance for it)
    await registerRequest(jobOf('suqiu.request.register', { ...VARS, summary: 'changed' }), g.deps);

    // then
    expect(getRequest(g.store.db, 'R-1')?.text).toBe(VARS.summary);
  });

  it('raises an incident for a place the store does not know or a missing variable', async () => {
    // given
    const g = givenStore();

    // when
    const unknownPlace = registerRequest(jobOf('suqiu.request.register', { ...VARS, townshipId: 'atlantis' }), g.deps);
    const noSummary = registerRequest(jobOf('suqiu.request.register', { ...VARS, summary: undefined }), g.deps);

    // then
    await expect(unknownPlace).rejects.toThrow(IncidentError);
    await expect(noSummary).rejects.toThrow(/variable "summary"/);
    expect(getRequest(g.store.db, 'R-1')).toBeUndefined();
  });
});
