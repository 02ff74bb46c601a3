// The audit trail through HTTP (issue: "Audit. Every write records who, what, when and from where;
// admins can search it").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, multipart, newRequest } from './case-file-support.js';
import { ApiWorld, type Caller } from './support.js';

const ID = 'SQ-AUDIT-1';

let w: ApiWorld;
let admin: Caller;
let handler: Caller;

beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  await newRequest(w, { requestId: ID });
  admin = await w.login('admin');
  handler = await w.login('huangliang-handler');
});
afterAll(async () => w?.stop());

describe('audit search', () => {
  it('finds a write by who, what and on what, newest first, in Beijing time, with the address it came from', async () => {
    // given: the handler uploads a photo, then tries a file of the wrong type
    const ok = await handler.call('POST', `/api/requests/${ID}/attachments`, multipart([{ name: 'file', filename: 'a.jpg', content: jpeg('audited') }]));
    const refused = await handler.call('POST', `/api/requests/${ID}/attachments`, multipart([{ name: 'file', filename: 'b.jpg', content: Buffer.from('text') }]));
    expect([ok.status, refused.status]).toEqual([201, 415]);

    // when
    const answer = await admin.get(`/api/audit?actor=dingshan-huangliang-staff-2&action=${encodeURIComponent('POST /api/requests/:id/attachments')}&target=${ID}`);

    // then
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((r: any) => r.statusCode)).toEqual([415, 201]);
    expect(answer.body.items[1]).toMatchObject({
      actor: 'dingshan-huangliang-staff-2',
      actorName: expect.any(String),
      actorUnitId: 'dingshan-huangliang',
      action: 'POST /api/requests/:id/attachments',
      target: ID,
      at: expect.stringMatching(/^2025-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
      ip: '127.0.0.1',
      detail: { attachments: [{ id: ok.body.attachments[0].id, sha256: ok.body.attachments[0].sha256 }] },
    });
    expect(answer.body.items[0].id).toBeGreaterThan(answer.body.items[1].id);
  });

  it('records every reading of a case file (it holds the citizen’s identity), refused ones too', async () => {
    // given
    const other = await w.login('dingshan-xinqiao-staff-2');
    expect((await handler.get(`/api/requests/${ID}/case-file.html`)).status).toBe(200);
    expect((await other.get(`/api/requests/${ID}/case-file`)).status).toBe(404);

    // when
    const answer = await admin.get(`/api/audit?target=${ID}&action=GET`);

    // then
    expect(answer.body.items.map((r: any) => [r.actor, r.action, r.statusCode])).toEqual([
      ['dingshan-xinqiao-staff-2', 'GET /api/requests/:id/case-file', 404],
      ['dingshan-huangliang-staff-2', 'GET /api/requests/:id/case-file.html', 200],
    ]);
  });

  it('pages with limit and offset and filters by time', async () => {
    // given
    const all = (await admin.get(`/api/audit?target=${ID}`)).body.items;
    const at = all[0].at as string;

    // when
    const page = await admin.get(`/api/audit?target=${ID}&limit=1&offset=1`);
    const later = await admin.get(`/api/audit?target=${ID}&from=${encodeURIComponent(new Date(Date.parse(at) + 1000).toISOString())}`);

    // then
    expect(all.length).toBeGreaterThan(2);
    expect(page.body).toMatchObject({ limit: 1, offset: 1, items: [{ id: all[1].id }] });
    expect(later.body.items).toEqual([]);
  });

  it('is for admins only (403 for everyone else, 401 without a session) and validates its query (400 naming the field)', async () => {
    // given
    const supervisor = await w.login('supervisor');

    // when
    const byHandler = await handler.get('/api/audit');
    const bySupervisor = await supervisor.get('/api/audit');
    const anonymous = await w.public.get('/api/audit');
    const badLimit = await admin.get('/api/audit?limit=100000');
    const badTime = await admin.get('/api/audit?from=yesterday');
    const unknown = await admin.get('/api/audit?who=me');

    // then
    expect([byHandler.status, bySupervisor.status, anonymous.status]).toEqual([403, 403, 401]);
    expect(byHandler.body.type).toBe('urn:suqiu:problem:forbidden');
    expect([badLimit.status, badLimit.body.field]).toEqual([400, 'querystring.limit']);
    expect([badTime.status, badTime.body.field]).toEqual([400, 'querystring.from']);
    expect(unknown.status).toBe(400);
  });
});
