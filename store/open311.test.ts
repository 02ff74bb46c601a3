import { describe, expect, it } from 'vitest';
import { appendCaseEvent } from './case-file.js';
import {
  addOpen311Key,
  hashOpen311Key,
  open311KeyFor,
  open311Lines,
  recordOpen311Request,
  requestIdForToken,
  revokeOpen311Key,
} from './open311.js';
import { assessRequest, closeRequest, createRequest, mergeRequest } from './requests.js';
import { DEMO_OPEN311_KEY } from './seed/demo.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';
import { boardTexts } from './board.js';

const window = (limit = 1000) => ({ from: day(-1), to: day(30), limit });

describe('Open311 keys', () => {
  it('opens with the key, keeps only its SHA-256 hash, and opens nothing once revoked', () => {
    // given
    const { db, sqlite } = storeWithOrganisation();
    const key = addOpen311Key(db, { name: 'fixmystreet', key: 'k-5f2c9a7e41b0', at: T0 });

    // when
    const before = open311KeyFor(db, 'k-5f2c9a7e41b0');
    const wrong = open311KeyFor(db, 'k-5f2c9a7e41b1');
    const revoked = revokeOpen311Key(db, key.id, day(1));
    const after = open311KeyFor(db, 'k-5f2c9a7e41b0');

    // then
    expect(before).toEqual({ id: key.id, name: 'fixmystreet' });
    expect(wrong).toBeUndefined();
    expect(revoked).toBe(true);
    expect(after).toBeUndefined();
    const stored = JSON.stringify(sqlite.prepare('select * from open311_keys').all());
    expect(stored).not.toContain('k-5f2c9a7e41b0');
    expect(stored).toContain(hashOpen311Key('k-5f2c9a7e41b0'));
  });

  it('adds the same key once, and the demo data holds the demo key', () => {
    // given
    const { db } = storeWithOrganisation();

    // when
    const first = addOpen311Key(db, { name: 'app', key: 'same-key-123', at: T0 });
    const again = addOpen311Key(db, { name: 'app', key: 'same-key-123', at: day(1) });

    // then
    expect(again).toEqual(first);
    expect(open311KeyFor(db, DEMO_OPEN311_KEY)).toMatchObject({ name: 'demo' });
  });
});

describe('Open311 requests', () => {
  it('records a request with a random token once: a retry keeps the first token', () => {
    // given
    const { db } = storeWithOrganisation();
    const key = addOpen311Key(db, { name: 'app', key: 'app-key-123', at: T0 });
    receive(db, 'r1', { channel: 'open311' });
    receive(db, 'r2', { channel: 'open311' });

    // when
    const first = recordOpen311Request(db, { requestId: 'r1', serviceCode: 'water_resources.individual', keyId: key.id, at: T0 });
    const retry = recordOpen311Request(db, { requestId: 'r1', serviceCode: 'water_resources.individual', keyId: key.id, at: day(1) });
    const other = recordOpen311Request(db, { requestId: 'r2', serviceCode: 'transport.suggestion', keyId: key.id, at: T0 });

    // then
    expect(first.token).toMatch(/^[\w-]{20,}$/);
    expect(retry).toEqual(first);
    expect(other.token).not.toBe(first.token);
    expect(requestIdForToken(db, first.token)).toBe('r1');
    expect(requestIdForToken(db, 'no-such-token')).toBeUndefined();
  });
});

describe('Open311 lines', () => {
  it('lists the window newest first with places and units by name, leaving out invalid and merged requests', () => {
    // given
    const { db } = storeWithOrganisation();
    receive(db, 'r1', { createdAt: day(0) });
    receive(db, 'r2', { createdAt: day(1), townshipId: 'huacheng', villageId: 'huacheng-baihe' });
    receive(db, 'r3', { createdAt: day(2) });
    receive(db, 'r4', { createdAt: day(3) });
    receive(db, 'old', { createdAt: day(-5) });
    closeRequest(db, 'r3', day(2), 'invalid');
    mergeRequest(db, { id: 'r4', intoId: 'r1', at: day(3) });
    assessRequest(db, 'r1', { listType: 'individual', domain: 'water_resources', difficulty: 'easy', level: 'village', responsibleUnitId: 'dingshan-huangliang', timeLimitDays: 15, deadline: day(15) });

    // when
    const lines = open311Lines(db, window());
    const byIds = open311Lines(db, { ids: ['r3', 'r4', 'old', 'nope'] });

    // then
    expect(lines.map((l) => l.id)).toEqual(['r2', 'r1']);
    expect(lines[1]).toMatchObject({
      township: '鼎山镇',
      village: '黄梁村',
      district: '巴州区',
      responsibleUnit: '黄梁村',
      domain: 'water_resources',
      listType: 'individual',
      deadline: day(15),
      open311ServiceCode: null,
    });
    expect(lines[0]).toMatchObject({ township: '化成镇', villageId: 'huacheng-baihe', responsibleUnit: null });
    expect(byIds.map((l) => l.id).sort()).toEqual(['old', 'r3', 'r4']);
    expect(byIds.find((l) => l.id === 'r4')).toMatchObject({ status: 'merged', mergedInto: 'r1' });
  });

  it('filters by status and by service: the code asked for, else the assessment', () => {
    // given
    const { db } = storeWithOrganisation();
    const key = addOpen311Key(db, { name: 'app', key: 'app-key-123', at: T0 });
    receive(db, 'asked', { channel: 'open311', createdAt: day(0) });
    recordOpen311Request(db, { requestId: 'asked', serviceCode: 'water_resources.individual', keyId: key.id, at: day(0) });
    // assessed otherwise: it still answers the code it was asked under
    assessRequest(db, 'asked', { listType: 'suggestion', domain: 'transport', difficulty: 'easy', level: 'village', responsibleUnitId: 'dingshan-huangliang', timeLimitDays: 15, deadline: day(15) });
    receive(db, 'assessed', { createdAt: day(1) });
    assessRequest(db, 'assessed', { listType: 'individual', domain: 'water_resources', difficulty: 'easy', level: 'village', responsibleUnitId: 'dingshan-huangliang', timeLimitDays: 15, deadline: day(16) });
    receive(db, 'transport', { createdAt: day(2) });
    assessRequest(db, 'transport', { listType: 'suggestion', domain: 'transport', difficulty: 'easy', level: 'village', responsibleUnitId: 'dingshan-huangliang', timeLimitDays: 15, deadline: day(17) });
    closeRequest(db, 'transport', day(3));
    const water = { code: 'water_resources.individual', domain: 'water_resources' as const, listType: 'individual' as const };
    const transport = { code: 'transport.suggestion', domain: 'transport' as const, listType: 'suggestion' as const };

    // when
    const waterLines = open311Lines(db, { ...window(), services: [water] });
    const transportLines = open311Lines(db, { ...window(), services: [transport] });
    const open = open311Lines(db, { ...window(), status: 'open' });
    const closed = open311Lines(db, { ...window(), status: 'closed' });
    const capped = open311Lines(db, window(2));

    // then
    expect(waterLines.map((l) => l.id)).toEqual(['assessed', 'asked']);
    expect(transportLines.map((l) => l.id)).toEqual(['transport']);
    expect(open.map((l) => l.id)).toEqual(['assessed', 'asked']);
    expect(closed.map((l) => l.id)).toEqual(['transport']);
    expect(capped.map((l) => l.id)).toEqual(['transport', 'assessed']);
  });

  it('knows the latest step of the case file', () => {
    // given
    const { db } = storeWithOrganisation();
    receive(db, 'r1', { createdAt: day(0) });
    appendCaseEvent(db, { requestId: 'r1', kind: 'screened', actor: 'system', at: day(2) });

    // when
    const [line] = open311Lines(db, window());

    // then
    expect(line!.lastEventAt).toEqual(day(2));
  });
});

describe('public texts', () => {
  it('masks phone and ID numbers and blanks the citizen\'s own recorded identity in the text', () => {
    // given
    const { db } = storeWithOrganisation();
    createRequest(db, {
      id: 'r1',
      channel: 'door_to_door',
      text: '我是欧阳明月,住黄梁村七组88号,电话 139 1234 5678,身份证511902198001011234',
      location: { townshipId: 'dingshan', villageId: 'dingshan-huangliang' },
      citizen: { name: '欧阳明月', phone: '13912345678', idNumber: '511902198001011234', address: '黄梁村七组88号' },
      createdAt: T0,
    });
    receive(db, 'r2', { text: '邻居电话13800001111' });

    // when
    const texts = boardTexts(db, [
      { id: 'r1', text: '我是欧阳明月,住黄梁村七组88号,电话 139 1234 5678,身份证511902198001011234' },
      { id: 'r2', text: '邻居电话13800001111' },
    ]);

    // then
    const r1 = texts.get('r1')!;
    for (const identity of ['欧阳明月', '黄梁村七组88号', '139 1234 5678', '511902198001011234']) expect(r1).not.toContain(identity);
    expect(r1).toContain('***');
    expect(texts.get('r2')).toBe('邻居电话138****1111');
  });
});
