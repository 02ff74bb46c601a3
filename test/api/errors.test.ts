// Every error is RFC 9457 problem+json: a clear 4xx naming what was wrong, never a 5xx for a
// caller's mistake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiWorld, type Caller } from './support.js';

let w: ApiWorld;
let admin: Caller;
beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  admin = await w.login('admin');
});
afterAll(async () => w?.stop());

describe('problems', () => {
  it('refuses a number too large to be one (1e309) as a bad field of the query, not with a 500', async () => {
    // when
    const answers = await Promise.all(['/api/tasks?limit=1e309', '/api/audit?offset=1e309', '/api/notifications?limit=-1e999'].map((u) => admin.get(u)));

    // then
    expect(answers.map((a) => [a.status, a.body.field])).toEqual([[400, 'querystring.limit'], [400, 'querystring.offset'], [400, 'querystring.limit']]);
  });

  it('answers broken JSON with 400, an unknown path with 404 and an unsupported body type with 415, all as problems', async () => {
    // when
    const broken = await w.public.call('POST', '/api/session', { payload: '{"username":', headers: { 'content-type': 'application/json' } });
    const unknown = await w.public.get('/api/nothing-here');
    const xml = await w.public.call('POST', '/api/session', { payload: '<login/>', headers: { 'content-type': 'application/xml' } });

    // then
    for (const [answer, status] of [[broken, 400], [unknown, 404], [xml, 415]] as const) {
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ type: expect.stringMatching(/^urn:suqiu:problem:/), status });
    }
  });
});
