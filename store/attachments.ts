// Attachments of a case file (photos and scanned documents): the bytes on disk under their SHA-256
// (`<dir>/<first 2 hex>/<sha256>`, so the same bytes uploaded twice are stored once), a row per
// upload in `attachments` and a case event. A file's type is read from its first bytes (its magic
// number), never taken from what the uploader declared; every read checks the hash, so a file
// changed or damaged on disk is refused rather than served.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Conn } from './db.js';
import { appendCaseEvent } from './case-file.js';
import { attachments } from './schema.js';

export type Attachment = typeof attachments.$inferSelect;

/** The types an attachment may have, by what its bytes say. */
export type AttachmentMediaType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'application/pdf';

export const PHOTO_TYPES: readonly AttachmentMediaType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'];
export const DOCUMENT_TYPES: readonly AttachmentMediaType[] = [...PHOTO_TYPES, 'application/pdf'];

/** How many leading bytes `sniffMediaType` needs to decide. */
export const SNIFF_BYTES = 64;

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const HEIF_GENERIC_BRANDS = new Set(['mif1', 'msf1']);

/**
 * The type of a file from its first bytes (at least `SNIFF_BYTES` of them when the file is that
 * long), or undefined for anything else. HEIC is an ISO media file (`ftyp` box) whose major brand,
 * or for the generic HEIF brands one of the compatible brands, is an HEVC image brand; AVIF and
 * other HEIF files are not HEIC and are refused.
 */
export function sniffMediaType(head: Buffer): AttachmentMediaType | undefined {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (head.length >= 5 && ascii(0, 5) === '%PDF-') return 'application/pdf';
  if (head.length >= 16 && ascii(4, 8) === 'ftyp') {
    const boxSize = head.readUInt32BE(0);
    const major = ascii(8, 12);
    if (HEIC_BRANDS.has(major)) return 'image/heic';
    if (HEIF_GENERIC_BRANDS.has(major) && boxSize >= 16) {
      const end = Math.min(boxSize, head.length);
      for (let at = 16; at + 4 <= end; at += 4) if (HEIC_BRANDS.has(ascii(at, at + 4))) return 'image/heic';
    }
  }
  return undefined;
}

/** Why an upload was refused, for the caller to answer (413, 415, 400). */
export class AttachmentRefused extends Error {
  constructor(
    readonly reason: 'too_large' | 'unsupported_type' | 'empty',
    readonly detectedType?: AttachmentMediaType,
  ) {
    super(`attachment refused: ${reason}`);
    this.name = 'AttachmentRefused';
  }
}

/** A stored file that no longer matches its hash (changed or damaged on disk), or is missing. */
export class AttachmentIntegrityError extends Error {
  constructor(
    readonly sha256: string,
    readonly problem: 'missing' | 'changed',
    readonly actualSha256?: string,
  ) {
    super(problem === 'missing' ? `attachment file ${sha256} is missing` : `attachment file ${sha256} fails its hash check (now ${actualSha256})`);
    this.name = 'AttachmentIntegrityError';
  }
}

/** An uploaded file written to a temporary file, checked, not yet in the store. */
export interface StagedFile {
  tmpPath: string;
  sha256: string;
  size: number;
  mediaType: AttachmentMediaType;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The files on disk, content-addressed under one folder. */
export class AttachmentFiles {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /**
   * Writes an upload to a temporary file while hashing it. Refused (and nothing kept) when it is
   * empty, longer than `maxBytes`, or its first bytes are not one of `allowed`; the type is
   * decided as soon as the first bytes are in, so a long file of the wrong type is not read on.
   */
  async stage(source: AsyncIterable<Buffer>, options: { maxBytes: number; allowed: readonly AttachmentMediaType[] }): Promise<StagedFile> {
    const tmpDir = join(this.dir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const file = await open(tmpPath, 'wx', 0o600);
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    let mediaType: AttachmentMediaType | undefined;
    const decide = () => {
      mediaType = sniffMediaType(head);
      if (mediaType === undefined || !options.allowed.includes(mediaType)) throw new AttachmentRefused('unsupported_type', mediaType);
    };
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > options.maxBytes) throw new AttachmentRefused('too_large', mediaType);
        if (mediaType === undefined) {
          head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES)]);
          if (head.length >= SNIFF_BYTES) decide();
        }
        hash.update(chunk);
        await file.write(chunk);
      }
      if (size === 0) throw new AttachmentRefused('empty');
      if (mediaType === undefined) decide();
      await file.sync();
      await file.close();
      return { tmpPath, sha256: hash.digest('hex'), size, mediaType: mediaType! };
    } catch (error) {
      await file.close().catch(() => undefined);
      await unlink(tmpPath).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Moves a staged file to its place by hash (a rename: readers never see half a file). When the
   * same bytes are already stored the staged copy is dropped; a stored copy that no longer matches
   * its hash is replaced by the good one.
   */
  async commit(staged: StagedFile): Promise<void> {
    const path = this.pathOf(staged.sha256);
    if (await this.isIntact(staged.sha256, staged.size)) {
      await unlink(staged.tmpPath);
      return;
    }
    await mkdir(join(this.dir, staged.sha256.slice(0, 2)), { recursive: true });
    await rename(staged.tmpPath, path);
    await syncDir(join(this.dir, staged.sha256.slice(0, 2)));
  }

  async discard(staged: StagedFile): Promise<void> {
    await unlink(staged.tmpPath).catch(() => undefined);
  }

  /** The stored bytes, after checking they still hash to `sha256` (and have `size` bytes). */
  async readVerified(sha256: string, size: number): Promise<Buffer> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AttachmentIntegrityError(sha256, 'missing');
      throw error;
    }
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256 || bytes.length !== size) throw new AttachmentIntegrityError(sha256, 'changed', actual);
    return bytes;
  }

  /** Checks a stored file without keeping it in memory; throws AttachmentIntegrityError. */
  async verify(sha256: string, size: number): Promise<void> {
    const path = this.pathOf(sha256);
    const hash = createHash('sha256');
    let length = 0;
    try {
      for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
        length += chunk.length;
        hash.update(chunk);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AttachmentIntegrityError(sha256, 'missing');
      throw error;
    }
    const actual = hash.digest('hex');
    if (actual !== sha256 || length !== size) throw new AttachmentIntegrityError(sha256, 'changed', actual);
  }

  private async isIntact(sha256: string, size: number): Promise<boolean> {
    try {
      if ((await stat(this.pathOf(sha256))).size !== size) return false;
      await this.verify(sha256, size);
      return true;
    } catch {
      return false;
    }
  }
}

/** So a rename survives a crash: the folder's entry is on disk before the upload is acknowledged. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // some platforms cannot open or sync a folder; the rename itself is still atomic
  }
}

export interface NewAttachment {
  sha256: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  size: number;
}

/** More attachments than a request may have. */
export class AttachmentLimitReached extends Error {
  constructor(
    readonly limit: number,
    readonly existing: number,
  ) {
    super(`at most ${limit} attachments (already ${existing})`);
    this.name = 'AttachmentLimitReached';
  }
}

/** An attachment recorded by `recordAttachments`; `duplicate` when the request already had these bytes. */
export type RecordedAttachment = Attachment & { duplicate: boolean };

/**
 * Records uploaded files (already committed to disk) on a request, with one case event each, in
 * one transaction. Bytes the request already has are not recorded again: their earlier row comes
 * back marked `duplicate`. Refused as a whole when the request would have more than `limit`
 * attachments (counted only among those by `uploadedBy` when `limitPerUploader`).
 */
export function recordAttachments(
  conn: Conn,
  requestId: string,
  files: readonly NewAttachment[],
  options: { uploadedBy: string; at: Date; limit: number; limitPerUploader?: boolean },
): RecordedAttachment[] {
  return conn.transaction(
    (tx) => {
      const existing = attachmentCount(tx, requestId, options.limitPerUploader ? options.uploadedBy : undefined);
      const known = (sha256: string) => tx.select().from(attachments).where(and(eq(attachments.requestId, requestId), eq(attachments.sha256, sha256))).orderBy(asc(attachments.id)).get();
      const fresh = new Set(files.map((f) => f.sha256).filter((sha) => known(sha) === undefined));
      if (existing + fresh.size > options.limit) throw new AttachmentLimitReached(options.limit, existing);
      return files.map((f) => {
        const earlier = known(f.sha256);
        if (earlier !== undefined) return { ...earlier, duplicate: true };
        const row = tx
          .insert(attachments)
          .values({ requestId, sha256: f.sha256, fileName: f.fileName, mediaType: f.mediaType, size: f.size, uploadedBy: options.uploadedBy, at: options.at })
          .returning()
          .get();
        appendCaseEvent(tx, {
          requestId,
          kind: 'attachment_added',
          actor: options.uploadedBy,
          at: options.at,
          detail: { attachmentId: row.id, fileName: f.fileName, mediaType: f.mediaType, size: f.size, sha256: f.sha256 },
        });
        return { ...row, duplicate: false };
      });
    },
    { behavior: 'immediate' },
  );
}

export function attachmentCount(conn: Conn, requestId: string, uploadedBy?: string): number {
  const where = uploadedBy === undefined ? eq(attachments.requestId, requestId) : and(eq(attachments.requestId, requestId), eq(attachments.uploadedBy, uploadedBy));
  return conn.select({ n: count() }).from(attachments).where(where).get()?.n ?? 0;
}

export function attachmentById(conn: Conn, id: number): Attachment | undefined {
  return conn.select().from(attachments).where(eq(attachments.id, id)).get();
}

/** A request's attachments, oldest first. */
export function attachmentsOf(conn: Conn, requestId: string): Attachment[] {
  return conn.select().from(attachments).where(eq(attachments.requestId, requestId)).orderBy(asc(attachments.at), asc(attachments.id)).all();
}

/**
 * A file name safe to show and to put into a ZIP or a Content-Disposition: no folders, no control
 * characters, at most 120 characters (the extension kept), never empty.
 */
export function safeFileName(raw: string | undefined, fallback: string): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').replace(/^[.\s]+/, '').trim();
  if ([...name].length > 120) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = [...name.slice(0, name.length - ext.length)].slice(0, 120 - ext.length).join('') + ext;
  }
  return name === '' ? fallback : name;
}
