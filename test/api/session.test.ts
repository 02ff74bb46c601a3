// Logins, sessions and roles through HTTP (issue: "Sessions and roles").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LOGIN_FAILURES } from '../../api/session/routes.js';
import { ApiWorld } from './support.js';

let w: ApiWorld;
beforeAll(async () => {
  w = await ApiWorld.start({ rateLimits: { login: 10_000 } });
  await w.world.startScenario();
});
afterAll(async () => w?.stop());

describe('staff sessions', () => {
  it('logs a demo account in with an httpOnly SameSite=Strict cookie and says who, which unit and roles', async () => {
    // when
    const login = await w.public.post('/api/session', { username: 'huangliang-leader', password: 'demo' });
    const cookie = String(login.headers['set-cookie']);
    const me = await (await w.login('huangliang-leader')).get('/api/me');

    // then
    expect(login.status).toBe(200);
    expect(cookie).toMatch(/^suqiu_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'huangliang-leader',
      unit: { id: 'dingshan-huangliang', name: '黄梁村', level: 'village', candidateGroup: 'village:dingshan-huangliang' },
      roles: ['leader_in_charge'],
      groups: ['village:dingshan-huangliang', 'village:dingshan-huangliang:leader-in-charge'],
      scope: { kind: 'village', unitId: 'dingshan-huangliang' },
    });
  });

  it('logs every demo account of API.md in', async () => {
    // given
    const usernames = ['huangliang-handler', 'huangliang-leader', 'huangliang-head', 'dingshan-handler', 'dingshan-leader', 'dingshan-head', 'water-handler', 'special-team', 'supervisor', 'designer', 'admin'];

    // when
    const units = await Promise.all(usernames.map(async (u) => (await (await w.login(u)).get('/api/me')).body.unit.name));

    // then
    expect(units).toEqual(['黄梁村', '黄梁村', '黄梁村', '鼎山镇', '鼎山镇', '鼎山镇', '区水利局', '区专班', '区督导组', '巴州区', '巴州区']);
  });

  it('refuses a wrong password with 401 problem+json, and /api/me without a session with 401', async () => {
    // when
    const wrong = await w.public.post('/api/session', { username: 'dingshan-head', password: 'nope' });
    const unknown = await w.public.post('/api/session', { username: 'nobody', password: 'demo' });
    const anonymous = await w.public.get('/api/me');

    // then
    for (const a of [wrong, unknown, anonymous]) {
      expect(a.status).toBe(401);
      expect(a.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(wrong.body).toMatchObject({ type: 'urn:suqiu:problem:login-failed', title: '用户名或密码错误', status: 401 });
    expect(unknown.body.type).toBe(wrong.body.type);
  });

  it(`locks an account after ${MAX_LOGIN_FAILURES} wrong passwords, even for the right one, and records every attempt in the audit`, async () => {
    // given
    const before = (w.world.store.sqlite.prepare('select coalesce(max(id), 0) m from audit_log').get() as { m: number }).m;
    for (let i = 1; i < MAX_LOGIN_FAILURES; i++) expect((await w.public.post('/api/session', { username: 'water-handler', password: `bad-${i}` })).status).toBe(401);

    // when
    const last = await w.public.post('/api/session', { username: 'water-handler', password: 'bad-last' });
    const right = await w.public.post('/api/session', { username: 'water-handler', password: 'demo' });

    // then
    expect(last.status).toBe(423);
    expect(right.status).toBe(423);
    expect(right.body).toMatchObject({ type: 'urn:suqiu:problem:locked', lockedUntil: expect.stringMatching(/\+08:00$/) });
    const rows = w.world.store.sqlite.prepare("select status_code from audit_log where target = 'water-handler' and id > ? order by id").all(before) as { status_code: number }[];
    expect(rows.map((r) => r.status_code)).toEqual([...Array(MAX_LOGIN_FAILURES - 1).fill(401), 423, 423]);
  });

  it('ends the session on logout: the cookie no longer opens anything', async () => {
    // given
    const staff = await w.login('dingshan-handler');

    // when
    const out = await staff.delete('/api/session');
    const after = await staff.get('/api/me');

    // then
    expect(out.status).toBe(204);
    expect(after.status).toBe(401);
  });

  it('answers a bad login body with 400 naming the field, in English when asked', async () => {
    // when
    const answer = await w.public.post('/api/session', { username: 'admin' }, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });

    // then
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ type: 'urn:suqiu:problem:validation', title: 'Invalid input', field: 'password' });
  });
});

describe('rate limits', () => {
  it('limits logins per address with 429 problem+json', async () => {
    // given: an API with the default limit
    const strict = await ApiWorld.start({ rateLimits: { login: 3 } });
    await strict.world.startScenario();
    try {
      // when
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await strict.public.post('/api/session', { username: 'admin', password: 'nope' })).status);

      // then
      expect(answers).toEqual([401, 401, 401, 429]);
    } finally {
      await strict.stop();
    }
  });
});

describe('the OpenAPI document', () => {
  it('is served at /docs/json with every route declaring who may call it, and Swagger UI at /docs', async () => {
    // when
    const doc = await w.public.get('/docs/json');
    const ui = await w.public.get('/docs/');

    // then
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const operations = Object.entries(doc.body.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [`${method} ${path}`, op]));
    expect(operations.length).toBeGreaterThan(2);
    for (const [name, op] of operations) expect([name, op['x-suqiu-access']]).toEqual([name, expect.anything()]);
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });
});
