// The attachment files: types by their bytes, content-addressed storage with temp file + rename,
// reads checked against the hash, safe file names.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentFiles, AttachmentIntegrityError, AttachmentRefused, DOCUMENT_TYPES, PHOTO_TYPES, safeFileName, sniffMediaType } from './attachments.js';

const ftyp = (major: string, ...compatible: string[]) => {
  const brands = Buffer.from([major, '\0\0\0\0', ...compatible].join(''), 'latin1');
  const box = Buffer.alloc(8);
  box.writeUInt32BE(8 + brands.length, 0);
  box.write('ftyp', 4, 'latin1');
  return Buffer.concat([box, brands, Buffer.alloc(48)]);
};

async function* chunks(...parts: Buffer[]): AsyncIterable<Buffer> {
  for (const p of parts) yield p;
}

const dirs: string[] = [];
const freshFiles = () => {
  const dir = mkdtempSync(join(tmpdir(), 'suqiu-attachments-'));
  dirs.push(dir);
  return new AttachmentFiles(dir);
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('sniffMediaType', () => {
  it('knows JPEG, PNG, WebP, PDF and HEIC by their first bytes', () => {
    // then
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).toBe('image/png');
    expect(sniffMediaType(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n', 'latin1'))).toBe('application/pdf');
    expect(sniffMediaType(ftyp('heic', 'mif1', 'heic'))).toBe('image/heic');
    expect(sniffMediaType(ftyp('mif1', 'mif1', 'heic'))).toBe('image/heic');
  });

  it('refuses what only looks close: text, AVIF and other ISO media, a RIFF that is not WebP, a truncated magic', () => {
    // then
    expect(sniffMediaType(Buffer.from('just some text, named photo.jpg'))).toBeUndefined();
    expect(sniffMediaType(ftyp('avif', 'mif1', 'avif'))).toBeUndefined();
    expect(sniffMediaType(ftyp('mif1', 'mif1', 'avif'))).toBeUndefined();
    expect(sniffMediaType(ftyp('isom', 'mp41'))).toBeUndefined();
    expect(sniffMediaType(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'))).toBeUndefined();
    expect(sniffMediaType(Buffer.from([0xff, 0xd8]))).toBeUndefined();
    expect(sniffMediaType(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('AttachmentFiles', () => {
  it('stages while hashing, then stores under <sha256 first 2>/<sha256>, once for the same bytes', async () => {
    // given
    const files = freshFiles();
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]);

    // when
    const first = await files.stage(chunks(bytes.subarray(0, 2), bytes.subarray(2)), { maxBytes: 10_000, allowed: PHOTO_TYPES });
    await files.commit(first);
    const second = await files.stage(chunks(bytes), { maxBytes: 10_000, allowed: PHOTO_TYPES });
    await files.commit(second);

    // then
    expect(first).toMatchObject({ size: bytes.length, mediaType: 'image/jpeg', sha256: second.sha256 });
    expect(readdirSync(join(files.dir, first.sha256.slice(0, 2)))).toEqual([first.sha256]);
    expect(readdirSync(join(files.dir, 'tmp'))).toEqual([]);
    expect((await files.readVerified(first.sha256, bytes.length)).equals(bytes)).toBe(true);
  });

  it('refuses too large, the wrong type and empty files, keeping nothing', async () => {
    // given
    const files = freshFiles();
    const pdf = Buffer.from('%PDF-1.4\n' + 'x'.repeat(100));

    // when
    const refusals = await Promise.all([
      files.stage(chunks(Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(200)), { maxBytes: 100, allowed: PHOTO_TYPES }).catch((e: unknown) => e),
      files.stage(chunks(pdf), { maxBytes: 10_000, allowed: PHOTO_TYPES }).catch((e: unknown) => e),
      files.stage(chunks(), { maxBytes: 10_000, allowed: DOCUMENT_TYPES }).catch((e: unknown) => e),
    ]);

    // then
    expect(refusals.map((e) => (e as AttachmentRefused).reason)).toEqual(['too_large', 'unsupported_type', 'empty']);
    expect(refusals.every((e) => e instanceof AttachmentRefused)).toBe(true);
    expect((refusals[1] as AttachmentRefused).detectedType).toBe('application/pdf');
    expect(readdirSync(join(files.dir, 'tmp'))).toEqual([]);
  });

  it('refuses to read a file changed on disk or gone, and a re-commit of the right bytes repairs it', async () => {
    // given
    const files = freshFiles();
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300, 1)]);
    const staged = await files.stage(chunks(bytes), { maxBytes: 10_000, allowed: DOCUMENT_TYPES });
    await files.commit(staged);
    writeFileSync(files.pathOf(staged.sha256), Buffer.concat([bytes.subarray(0, 300), Buffer.from('!')]));

    // when
    const changed = await files.readVerified(staged.sha256, bytes.length).catch((e: unknown) => e);
    const changedStreamed = await files.verify(staged.sha256, bytes.length).catch((e: unknown) => e);
    await files.commit(await files.stage(chunks(bytes), { maxBytes: 10_000, allowed: DOCUMENT_TYPES }));
    const repaired = await files.readVerified(staged.sha256, bytes.length);
    rmSync(files.pathOf(staged.sha256));
    const gone = await files.readVerified(staged.sha256, bytes.length).catch((e: unknown) => e);

    // then
    expect(changed).toBeInstanceOf(AttachmentIntegrityError);
    expect((changed as AttachmentIntegrityError).problem).toBe('changed');
    expect((changedStreamed as AttachmentIntegrityError).problem).toBe('changed');
    expect(repaired.equals(bytes)).toBe(true);
    expect((gone as AttachmentIntegrityError).problem).toBe('missing');
    expect(existsSync(files.pathOf(staged.sha256))).toBe(false);
  });

  it('only takes a SHA-256 as a file name', () => {
    // given
    const files = freshFiles();

    // then
    expect(() => files.pathOf('../../etc/passwd')).toThrow(/not a SHA-256/);
  });
});

describe('safeFileName', () => {
  it('drops folders, control and bidirectional characters and leading dots; keeps Chinese; caps the length keeping the extension', () => {
    // then
    expect(safeFileName('C:\\Users\\张三\\现场照片.jpg', 'x')).toBe('现场照片.jpg');
    expect(safeFileName('../../.bashrc', 'x')).toBe('bashrc');
    expect(safeFileName('a\u0000b\u202ec.jpg', 'x')).toBe('abc.jpg');
    expect(safeFileName('', '附件1')).toBe('附件1');
    expect(safeFileName(undefined, '附件1')).toBe('附件1');
    const long = safeFileName(`${'长'.repeat(300)}.pdf`, 'x');
    expect([...long]).toHaveLength(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
