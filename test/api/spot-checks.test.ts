// 四不两直 through HTTP: the supervision group records an unannounced check of a request at 黄梁村
// with photos; the check shows in the request's case file and the village's inbox; the village
// reads its own checks (read only), another village none of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, multipart, newRequest, PNG, sha256 } from './case-file-support.js';
import { ApiWorld, type Caller } from './support.js';

const VILLAGE = 'dingshan-huangliang';
let w: ApiWorld;
let supervisor: Caller;

beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  supervisor = await w.login('supervisor');
  await newRequest(w, { requestId: 'SC-1', summary: '二组堰塘漏水' });
  await newRequest(w, { requestId: 'SC-OTHER', townshipId: 'huacheng', villageId: 'huacheng-baihe', summary: '白鹤村路灯不亮' });
}, 120_000);
afterAll(async () => w?.stop());

const checkedAt = () => new Date(w.world.now().getTime() - 3_600_000).toISOString();

describe('on-the-spot checks (四不两直)', () => {
  it('records a check of a request with photos: the case file and the unit are told, and the photos come back as uploaded', async () => {
    // given
    const photo = jpeg('spot-check-1');

    // when
    const created = await supervisor.post('/api/spot-checks', { unitId: VILLAGE, requestId: 'SC-1', checkedAt: checkedAt(), unannounced: true, findings: '台账记录已办结,现场堰塘仍在漏水' });
    const id = created.body.id as number;
    const upload = multipart([
      { name: 'photo', filename: '现场照片.jpg', type: 'image/jpeg', content: photo },
      { name: 'photo', filename: 'b.png', type: 'image/png', content: PNG },
    ]);
    const uploaded = await supervisor.call('POST', `/api/spot-checks/${id}/photos`, { payload: upload.payload, headers: upload.headers });
    const detail = await supervisor.get(`/api/spot-checks/${id}`);
    const bytes = await supervisor.get(detail.body.photos[0].url);
    const caseFile = await (await w.login('huangliang-handler')).get('/api/requests/SC-1/case-file');
    const inbox = await (await w.login('huangliang-handler')).get('/api/notifications?limit=100');

    // then
    expect(created).toMatchObject({ status: 201, body: { unit: { id: VILLAGE, name: '黄梁村' }, requestId: 'SC-1', unannounced: true, recordedBy: { staffId: 'supervision-group-staff-2' }, photos: [] } });
    expect(created.body.checkedAt).toMatch(/\+08:00$/);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body.photos.map((p: any) => [p.fileName, p.mediaType, p.duplicate])).toEqual([
      ['现场照片.jpg', 'image/jpeg', false],
      ['b.png', 'image/png', false],
    ]);
    expect(detail.body).toMatchObject({ id, photoCount: 2, findings: '台账记录已办结,现场堰塘仍在漏水' });
    expect(bytes.status).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/jpeg');
    expect(sha256(bytes.raw.rawPayload)).toBe(sha256(photo));
    expect(caseFile.body.timeline.map((e: any) => e.kind)).toContain('spot_check');
    expect(inbox.body.items.map((n: any) => n.text)).toEqual(expect.arrayContaining([expect.stringContaining('台账记录已办结,现场堰塘仍在漏水')]));
  });

  it('refuses what is not a check: no such unit, a request of another unit, a check in the future, a text file as a photo, and anyone but a supervisor', async () => {
    // given
    const handler = await w.login('huangliang-handler');
    const good = { unitId: VILLAGE, checkedAt: checkedAt(), unannounced: false, findings: '抽查' };
    const { body: check } = await supervisor.post('/api/spot-checks', good);
    const text = multipart([{ name: 'photo', filename: 'photo.jpg', type: 'image/jpeg', content: Buffer.from('not a photo at all') }]);

    // when
    const noUnit = await supervisor.post('/api/spot-checks', { ...good, unitId: 'nowhere' });
    const otherRequest = await supervisor.post('/api/spot-checks', { ...good, requestId: 'SC-OTHER' });
    const future = await supervisor.post('/api/spot-checks', { ...good, checkedAt: new Date(w.world.now().getTime() + 86_400_000).toISOString() });
    const notSupervisor = await handler.post('/api/spot-checks', good);
    const notAPhoto = await supervisor.call('POST', `/api/spot-checks/${check.id}/photos`, { payload: text.payload, headers: text.headers });
    const handlerUploads = await handler.call('POST', `/api/spot-checks/${check.id}/photos`, { payload: text.payload, headers: text.headers });

    // then
    expect(noUnit).toMatchObject({ status: 400, body: { field: 'unitId' } });
    expect(otherRequest).toMatchObject({ status: 400, body: { field: 'requestId' } });
    expect(future).toMatchObject({ status: 400, body: { field: 'checkedAt' } });
    expect(notSupervisor.status).toBe(403);
    expect(notAPhoto).toMatchObject({ status: 415, body: { field: 'photo' } });
    expect(handlerUploads.status).toBe(403);
  });

  it('shows a unit its own checks only; the district sees all, filtered by unit, request and time', async () => {
    // given
    await supervisor.post('/api/spot-checks', { unitId: 'huacheng-baihe', requestId: 'SC-OTHER', checkedAt: checkedAt(), unannounced: true, findings: '白鹤村现场核查' });
    const village = await w.login('huangliang-handler');
    const otherVillage = await w.login('huacheng-baihe-staff-2');
    const township = await w.login('dingshan-handler');

    // when
    const own = await village.get('/api/spot-checks');
    const asksOther = await village.get('/api/spot-checks?unit=huacheng-baihe');
    const all = await supervisor.get('/api/spot-checks');
    const ofRequest = await supervisor.get('/api/spot-checks?requestId=SC-1');
    const ofUnit = await supervisor.get('/api/spot-checks?unit=huacheng-baihe');
    const later = await supervisor.get(`/api/spot-checks?from=${encodeURIComponent(new Date(w.world.now().getTime() + 1000).toISOString())}`);
    const firstId = ofRequest.body.items[0].id;
    const readsOthers = await otherVillage.get(`/api/spot-checks/${firstId}`);
    const photoOfOthers = await otherVillage.get(`/api/spot-checks/${firstId}/photos/1`);
    const townshipList = await township.get('/api/spot-checks');

    // then
    expect(own.body.items.map((c: any) => c.unit.id)).toEqual([VILLAGE, VILLAGE]);
    expect(asksOther.status).toBe(403);
    expect(all.body.total).toBe(3);
    expect(ofRequest.body.items.map((c: any) => c.requestId)).toEqual(['SC-1']);
    expect(ofUnit.body.items.map((c: any) => c.findings)).toEqual(['白鹤村现场核查']);
    expect(later.body.items).toEqual([]);
    expect(readsOthers.status).toBe(404);
    expect(photoOfOthers.status).toBe(404);
    expect(townshipList.body.items).toEqual([]);
  });
});
