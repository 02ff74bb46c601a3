// The workbench inbox through HTTP (issue: "Notifications that leave the building"): each member of
// staff sees the internal notices addressed to their unit or to them, and nobody else's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueNotification, recordDelivered } from '../../store/notifications.js';
import { DEMO_ACCOUNTS } from '../../store/seed/demo.js';
import { receive } from '../../store/testing.js';
import { ApiWorld } from './support.js';

let w: ApiWorld;
let t0: Date;
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const ids: Record<string, number> = {};

beforeAll(async () => {
  w = await ApiWorld.start();
  t0 = await w.world.startScenario();
  receive(w.db, 'REQ-INBOX-1', { createdAt: t0 });
  const handler = DEMO_ACCOUNTS['huangliang-handler'];
  const notices = {
    village: { recipient: 'dingshan-huangliang', text: '请回访诉求人(诉求 REQ-INBOX-1),并登记满意度', requestId: 'REQ-INBOX-1', at: at(1) },
    handler: { recipient: handler, text: '诉求 REQ-INBOX-1 即将到期', requestId: 'REQ-INBOX-1', at: at(2) },
    township: { recipient: 'dingshan', text: '鼎山镇:诉求已超期', at: at(3) },
    water: { recipient: 'water-bureau', text: '区水利局:请在期限内报告', at: at(4) },
    village2: { recipient: 'dingshan-huangliang', text: '黄梁村:第二条', at: at(5) },
  };
  for (const [name, n] of Object.entries(notices)) ids[name] = enqueueNotification(w.db, { channel: 'internal', ...n }).id;
  // an SMS to the citizen is no workbench notice, even to a recipient that looks like a unit
  enqueueNotification(w.db, { channel: 'sms', recipient: 'dingshan-huangliang', text: '短信', at: at(6) });
  recordDelivered(w.db, ids.village!, 'inbox', at(7));
});
afterAll(async () => w?.stop());

describe('GET /api/notifications', () => {
  it("shows the unit's notices and the person's own, newest first, with the request and the delivery state", async () => {
    // given
    const handler = await w.login('huangliang-handler');

    // when
    const inbox = await handler.get('/api/notifications');

    // then
    expect(inbox.status).toBe(200);
    expect(inbox.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
    expect(inbox.body.items.map((n: { id: number }) => n.id)).toEqual([ids.village2, ids.handler, ids.village]);
    expect(inbox.body.items[2]).toEqual({
      id: ids.village,
      recipient: { kind: 'unit', id: 'dingshan-huangliang' },
      text: '请回访诉求人(诉求 REQ-INBOX-1),并登记满意度',
      requestId: 'REQ-INBOX-1',
      createdAt: expect.stringMatching(/\+08:00$/),
      status: 'sent',
      deliveredVia: 'inbox',
      sentAt: expect.stringMatching(/\+08:00$/),
    });
    expect(inbox.body.items[1]).toMatchObject({ recipient: { kind: 'staff', id: DEMO_ACCOUNTS['huangliang-handler'] }, status: 'pending', deliveredVia: null, sentAt: null });
  });

  it("shows a unit's notices to that unit's staff only", async () => {
    // given
    const [leader, township, water, supervisor] = await Promise.all(['huangliang-leader', 'dingshan-handler', 'water-handler', 'supervisor'].map((u) => w.login(u)));

    // when
    const [ofLeader, ofTownship, ofWater, ofSupervisor] = await Promise.all([leader, township, water, supervisor].map((c) => c.get('/api/notifications')));

    // then: the leader of the village sees the village's, not the handler's own
    expect(ofLeader.body.items.map((n: { id: number }) => n.id)).toEqual([ids.village2, ids.village]);
    expect(ofTownship.body.items.map((n: { id: number }) => n.id)).toEqual([ids.township]);
    expect(ofWater.body.items.map((n: { id: number }) => n.id)).toEqual([ids.water]);
    expect(ofSupervisor.body).toMatchObject({ total: 0, items: [] });
  });

  it('pages with limit and offset, and refuses a bad page or no login', async () => {
    // given
    const handler = await w.login('huangliang-handler');

    // when
    const page = await handler.get('/api/notifications?limit=1&offset=1');
    const tooMany = await handler.get('/api/notifications?limit=1000');
    const negative = await handler.get('/api/notifications?offset=-1');
    const anonymous = await w.public.get('/api/notifications');

    // then
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items.map((n: { id: number }) => n.id)).toEqual([ids.handler]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.field).toBe('querystring.limit');
    expect(negative.status).toBe(400);
    expect(anonymous.status).toBe(401);
  });
});
