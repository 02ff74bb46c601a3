// Attachments through HTTP (issue: "One case, one file": photos and scanned documents through
// @fastify/multipart, with type and size limits, stored by content hash and verified on read).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentsOf } from '../../store/attachments.js';
import { setLookupCode } from '../../store/lookup-codes.js';
import { jpeg, multipart, newRequest, pdf, PNG, sha256, type Part } from './case-file-support.js';
import { ApiWorld, type Caller } from './support.js';

const MB = 1024 * 1024;
const ID = 'SQ-ATT-A';
const SECOND = 'SQ-ATT-B';

let w: ApiWorld;
let handler: Caller;
let xinqiao: Caller;
let filesDir: string;

const upload = (caller: Caller, id: string, parts: Part[]) => caller.call('POST', `/api/requests/${id}/attachments`, multipart(parts));
const publicUpload = (id: string, parts: Part[]) => w.public.call('POST', `/api/public/requests/${id}/attachments`, multipart(parts));
/** every file the store keeps (not the temporary folder) */
const storedFiles = () => readdirSync(filesDir).filter((d) => d !== 'tmp').flatMap((d) => readdirSync(join(filesDir, d)));
const temporaryFiles = () => (existsSync(join(filesDir, 'tmp')) ? readdirSync(join(filesDir, 'tmp')) : []);

beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  filesDir = join(w.world.engine.dir, 'attachments');
  await newRequest(w, { requestId: ID });
  await newRequest(w, { requestId: SECOND });
  handler = await w.login('huangliang-handler');
  xinqiao = await w.login('dingshan-xinqiao-staff-2');
});
afterAll(async () => w?.stop());

describe('staff uploads', () => {
  it('accepts a JPEG, a PNG and a PDF in one upload, typed by their bytes whatever was declared, and serves each back verified', async () => {
    // given
    const photo = jpeg('streetlight');
    const scan = pdf('整改通知书');

    // when
    const answer = await upload(handler, ID, [
      { name: 'file', filename: '路灯照片.jpg', type: 'application/octet-stream', content: photo },
      { name: 'file', filename: 'map.png', type: 'text/plain', content: PNG },
      { name: 'file', filename: '整改通知书.pdf', type: 'application/pdf', content: scan },
    ]);

    // then
    expect(answer.status).toBe(201);
    expect(answer.body.attachments).toMatchObject([
      { fileName: '路灯照片.jpg', mediaType: 'image/jpeg', size: photo.length, sha256: sha256(photo), duplicate: false },
      { fileName: 'map.png', mediaType: 'image/png', size: PNG.length, sha256: sha256(PNG), duplicate: false },
      { fileName: '整改通知书.pdf', mediaType: 'application/pdf', size: scan.length, sha256: sha256(scan), duplicate: false },
    ]);
    const [jpg, png, doc] = await Promise.all(answer.body.attachments.map((a: { url: string }) => handler.get(a.url)));
    expect([jpg!.status, png!.status, doc!.status]).toEqual([200, 200, 200]);
    expect(jpg!.raw.rawPayload.equals(photo)).toBe(true);
    expect(png!.raw.rawPayload.equals(PNG)).toBe(true);
    expect(doc!.raw.rawPayload.equals(scan)).toBe(true);
    expect(jpg!.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="attachment-${answer.body.attachments[0].id}.jpg"; filename*=UTF-8''${encodeURIComponent('路灯照片.jpg')}`,
    });
    expect(doc!.headers['content-type']).toBe('application/pdf');
    expect(doc!.headers['content-disposition']).toMatch(/^attachment; /);
    expect(png!.headers['content-disposition']).toBe(`inline; filename="map.png"; filename*=UTF-8''map.png`);
    // and each is a step of the case file, by the handler
    const file = await handler.get(`/api/requests/${ID}/case-file`);
    const added = file.body.timeline.filter((e: { kind: string }) => e.kind === 'attachment_added');
    expect(added.map((e: any) => [e.label, e.detail.fileName, e.actor.staffId])).toEqual([
      ['上传附件', '路灯照片.jpg', 'dingshan-huangliang-staff-2'],
      ['上传附件', 'map.png', 'dingshan-huangliang-staff-2'],
      ['上传附件', '整改通知书.pdf', 'dingshan-huangliang-staff-2'],
    ]);
  });

  it('refuses a text file renamed to .jpg with 415 problem+json naming the field, and keeps nothing of it', async () => {
    // given
    const before = attachmentsOf(w.db, ID).length;
    const filesBefore = storedFiles().length;

    // when
    const answer = await upload(handler, ID, [{ name: 'photo', filename: 'photo.jpg', type: 'image/jpeg', content: Buffer.from('这不是照片,只是一段文字') }]);

    // then
    expect(answer.status).toBe(415);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: 'urn:suqiu:problem:unsupported-media-type', status: 415, field: 'photo', fileName: 'photo.jpg' });
    expect(attachmentsOf(w.db, ID)).toHaveLength(before);
    expect(storedFiles()).toHaveLength(filesBefore);
    expect(temporaryFiles()).toEqual([]);
  });

  it('refuses an 11 MB file with 413 problem+json naming the field, and keeps nothing of it', async () => {
    // given
    const before = attachmentsOf(w.db, ID).length;
    const filesBefore = storedFiles().length;

    // when
    const answer = await upload(handler, ID, [{ name: 'file', filename: 'huge.jpg', type: 'image/jpeg', content: jpeg('huge', 11 * MB) }]);

    // then
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ type: 'urn:suqiu:problem:too-large', status: 413, field: 'file', maxBytes: 10 * MB });
    expect(attachmentsOf(w.db, ID)).toHaveLength(before);
    expect(storedFiles()).toHaveLength(filesBefore);
    expect(temporaryFiles()).toEqual([]);
  });

  it('accepts a file of exactly 10 MB', async () => {
    // when
    const answer = await upload(handler, ID, [{ name: 'file', filename: 'tenmb.jpg', content: jpeg('ten', 10 * MB) }]);

    // then
    expect(answer.status).toBe(201);
    expect(answer.body.attachments[0]).toMatchObject({ size: 10 * MB, mediaType: 'image/jpeg' });
  });

  it('stores the same bytes once: a second upload to the request gives the earlier attachment, another request shares the file', async () => {
    // given
    const photo = jpeg('the same photo');
    const first = await upload(handler, ID, [{ name: 'file', filename: 'a.jpg', content: photo }]);

    // when
    const again = await upload(handler, ID, [{ name: 'file', filename: 'a-copy.jpg', content: photo }]);
    const elsewhere = await upload(handler, SECOND, [{ name: 'file', filename: 'b.jpg', content: photo }]);

    // then
    expect([first.status, again.status, elsewhere.status]).toEqual([201, 201, 201]);
    expect(again.body.attachments[0]).toMatchObject({ id: first.body.attachments[0].id, fileName: 'a.jpg', duplicate: true });
    expect(elsewhere.body.attachments[0]).toMatchObject({ sha256: sha256(photo), duplicate: false });
    expect(elsewhere.body.attachments[0].id).not.toBe(first.body.attachments[0].id);
    expect(attachmentsOf(w.db, ID).filter((a) => a.sha256 === sha256(photo))).toHaveLength(1);
    expect(storedFiles().filter((f) => f === sha256(photo))).toHaveLength(1);
    expect(readdirSync(join(filesDir, sha256(photo).slice(0, 2)))).toContain(sha256(photo));
    expect(temporaryFiles()).toEqual([]);
  });

  it('refuses to serve a file changed on disk (500 problem, not its bytes), in the download and in the ZIP export', async () => {
    // given
    const photo = jpeg('to be damaged');
    const up = await upload(handler, SECOND, [{ name: 'file', filename: 'damaged.jpg', content: photo }]);
    const sha = up.body.attachments[0].sha256;
    const damaged = Buffer.from(photo);
    damaged[100] = damaged[100]! ^ 0xff;
    writeFileSync(join(filesDir, sha.slice(0, 2), sha), damaged);

    // when
    const read = await handler.get(up.body.attachments[0].url);
    const zip = await handler.get(`/api/requests/${SECOND}/case-file.zip`);

    // then
    expect(read.status).toBe(500);
    expect(read.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(read.body).toMatchObject({ type: 'urn:suqiu:problem:internal', status: 500, requestId: expect.any(String) });
    expect(read.raw.rawPayload.includes(damaged.subarray(0, 200))).toBe(false);
    expect(zip.status).toBe(500);
    expect(zip.body.type).toBe('urn:suqiu:problem:internal');
  });

  it('lets a re-upload of the right bytes repair a damaged file', async () => {
    // given
    const photo = jpeg('damaged then repaired');
    const up = await upload(handler, SECOND, [{ name: 'file', filename: 'r.jpg', content: photo }]);
    const sha = up.body.attachments[0].sha256;
    writeFileSync(join(filesDir, sha.slice(0, 2), sha), Buffer.from('garbage'));
    expect((await handler.get(up.body.attachments[0].url)).status).toBe(500);

    // when
    await upload(handler, SECOND, [{ name: 'file', filename: 'r.jpg', content: photo }]);
    const read = await handler.get(up.body.attachments[0].url);

    // then
    expect(read.status).toBe(200);
    expect(read.raw.rawPayload.equals(photo)).toBe(true);
  });

  it("answers 404 to another village's staff, for the upload and the download", async () => {
    // given
    const up = await upload(handler, ID, [{ name: 'file', filename: 'mine.jpg', content: jpeg('only huangliang') }]);

    // when
    const theirUpload = await upload(xinqiao, ID, [{ name: 'file', filename: 'x.jpg', content: jpeg('xinqiao') }]);
    const theirDownload = await xinqiao.get(up.body.attachments[0].url);
    const nobody = await w.public.get(up.body.attachments[0].url);

    // then
    expect(theirUpload.status).toBe(404);
    expect(theirDownload.status).toBe(404);
    expect(nobody.status).toBe(401);
    expect(attachmentsOf(w.db, ID).some((a) => a.fileName === 'x.jpg')).toBe(false);
  });

  it('refuses an upload by a role that does not handle requests (403), a form without a file (400) and a body that is not multipart (415)', async () => {
    // given
    const supervisor = await w.login('supervisor');

    // when
    const byRole = await upload(supervisor, ID, [{ name: 'file', filename: 's.jpg', content: jpeg('supervisor') }]);
    const empty = await upload(handler, ID, []);
    const json = await handler.post(`/api/requests/${ID}/attachments`, { file: 'x' });

    // then
    expect(byRole.status).toBe(403);
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe('file');
    expect(json.status).toBe(415);
  });
});

describe('the citizen adds photos', () => {
  it('with the lookup code given before the photos; the photo is theirs in the case file', async () => {
    // given
    const code = setLookupCode(w.db, SECOND);
    const photo = jpeg('taken by the citizen');

    // when
    const answer = await publicUpload(SECOND, [{ name: 'lookupCode', value: code }, { name: 'photo', filename: '我拍的.jpg', content: photo }]);

    // then
    expect(answer.status).toBe(201);
    expect(answer.body.attachments).toEqual([{ id: expect.any(Number), fileName: '我拍的.jpg', mediaType: 'image/jpeg', size: photo.length, sha256: sha256(photo), at: expect.stringMatching(/\+08:00$/), duplicate: false }]);
    const file = await handler.get(`/api/requests/${SECOND}/case-file`);
    expect(file.body.attachments.find((a: { id: number }) => a.id === answer.body.attachments[0].id).uploadedBy).toMatchObject({ kind: 'citizen', name: '诉求人' });
    const audit = w.world.store.sqlite.prepare("select actor, target, status_code from audit_log where action = 'POST /api/public/requests/:id/attachments' order by id desc limit 1").get();
    expect(audit).toEqual({ actor: 'citizen', target: SECOND, status_code: 201 });
  });

  it('refuses a wrong code (403), a missing code or one sent after the photo (400), a PDF (415), and another request (403)', async () => {
    // given
    const code = setLookupCode(w.db, ID);
    const photo = { name: 'photo', filename: 'p.jpg', content: jpeg('citizen refused') };
    const before = attachmentsOf(w.db, ID).length;

    // when
    const wrong = await publicUpload(ID, [{ name: 'lookupCode', value: code === '000000' ? '111111' : '000000' }, photo]);
    const missing = await publicUpload(ID, [photo]);
    const late = await publicUpload(ID, [photo, { name: 'lookupCode', value: code }]);
    const document = await publicUpload(ID, [{ name: 'lookupCode', value: code }, { name: 'scan', filename: 'd.pdf', content: pdf('citizen') }]);
    const otherRequest = await publicUpload('SQ-NO-SUCH', [{ name: 'lookupCode', value: code }, photo]);

    // then
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ type: 'urn:suqiu:problem:wrong-code', field: 'lookupCode' });
    expect([missing.status, missing.body.field]).toEqual([400, 'lookupCode']);
    expect([late.status, late.body.field]).toEqual([400, 'lookupCode']);
    expect([document.status, document.body.field]).toEqual([415, 'scan']);
    expect(otherRequest.status).toBe(403);
    expect(attachmentsOf(w.db, ID)).toHaveLength(before);
  });
});
