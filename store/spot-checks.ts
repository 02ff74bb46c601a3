// 四不两直: on-the-spot checks by the supervision group (不发通知、不打招呼、不听汇报、不用陪同接待,
// 直奔基层、直插现场), of a unit and optionally one of its requests, with findings and photos.
// Recording one tells the unit (its inbox) and, when it is about a request, writes a step into
// that request's case file; both in the check's own transaction. Photos are stored as attachments
// are (store/attachments.ts: content-addressed bytes, checked on every read).
import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Conn } from './db.js';
import { appendCaseEvent } from './case-file.js';
import { enqueueNotification } from './notifications.js';
import { orgUnits, spotCheckPhotos, spotChecks, staff, type UnitKind } from './schema.js';
import type { AttachmentMediaType } from './attachments.js';

export type SpotCheck = typeof spotChecks.$inferSelect;
export type SpotCheckPhoto = typeof spotCheckPhotos.$inferSelect;

/** The units a spot check may be of: those that handle requests. */
export const CHECKED_UNIT_KINDS: readonly UnitKind[] = ['village', 'community', 'township', 'street', 'department', 'special_team'];

export interface NewSpotCheck {
  unitId: string;
  requestId?: string | null;
  checkedAt: Date;
  unannounced: boolean;
  findings: string;
  recordedByStaffId: string;
  /** when it is recorded */
  at: Date;
}

const dateText = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const shortened = (text: string, max = 60) => ([...text].length > max ? `${[...text].slice(0, max).join('')}…` : text);

/** Records a check, with its case event (when of a request) and the notice to the unit. */
export function recordSpotCheck(conn: Conn, c: NewSpotCheck): SpotCheck {
  return conn.transaction(
    (tx) => {
      const row = tx
        .insert(spotChecks)
        .values({ unitId: c.unitId, requestId: c.requestId ?? null, checkedAt: c.checkedAt, unannounced: c.unannounced, findings: c.findings, recordedByStaffId: c.recordedByStaffId, createdAt: c.at })
        .returning()
        .get();
      if (row.requestId !== null) {
        appendCaseEvent(tx, {
          requestId: row.requestId,
          kind: 'spot_check',
          actor: c.recordedByStaffId,
          at: c.at,
          detail: { spotCheckId: row.id, unitId: row.unitId, checkedAt: row.checkedAt.toISOString(), unannounced: row.unannounced, findings: row.findings },
          idempotencyKey: `spot-check:${row.id}`,
        });
      }
      const how = row.unannounced ? '四不两直暗访检查' : '现场检查';
      const about = row.requestId === null ? '' : `(诉求 ${row.requestId})`;
      enqueueNotification(tx, {
        channel: 'internal',
        recipient: row.unitId,
        requestId: row.requestId ?? undefined,
        text: `区督导组于 ${dateText(row.checkedAt)} 对本单位开展${how}${about},发现:${shortened(row.findings)}。请查看检查记录并整改。`,
        idempotencyKey: `spot-check:${row.id}`,
        at: c.at,
      });
      return row;
    },
    { behavior: 'immediate' },
  );
}

export interface SpotCheckFilter {
  /** only checks of these units (undefined: every unit) */
  units?: readonly string[];
  requestId?: string;
  /** checked at or after */
  from?: Date;
  /** checked before */
  to?: Date;
}

export interface SpotCheckLine extends SpotCheck {
  unitName: string;
  recordedByName: string;
  photos: number;
}

const conditions = (f: SpotCheckFilter): SQL | undefined =>
  and(
    f.units === undefined ? undefined : inArray(spotChecks.unitId, [...f.units]),
    f.requestId === undefined ? undefined : eq(spotChecks.requestId, f.requestId),
    f.from === undefined ? undefined : gte(spotChecks.checkedAt, f.from),
    f.to === undefined ? undefined : lt(spotChecks.checkedAt, f.to),
  );

const lineColumns = {
  id: spotChecks.id,
  unitId: spotChecks.unitId,
  requestId: spotChecks.requestId,
  checkedAt: spotChecks.checkedAt,
  unannounced: spotChecks.unannounced,
  findings: spotChecks.findings,
  recordedByStaffId: spotChecks.recordedByStaffId,
  createdAt: spotChecks.createdAt,
  unitName: orgUnits.name,
  recordedByName: staff.name,
  photos: sql<number>`(select count(*) from spot_check_photos p where p.spot_check_id = ${spotChecks.id})`,
};

/** Checks, the latest checked first. */
export function spotCheckLines(conn: Conn, f: SpotCheckFilter, page: { limit: number; offset: number }): { items: SpotCheckLine[]; total: number } {
  const items = conn
    .select(lineColumns)
    .from(spotChecks)
    .innerJoin(orgUnits, eq(orgUnits.id, spotChecks.unitId))
    .innerJoin(staff, eq(staff.id, spotChecks.recordedByStaffId))
    .where(conditions(f))
    .orderBy(desc(spotChecks.checkedAt), desc(spotChecks.id))
    .limit(page.limit)
    .offset(page.offset)
    .all()
    .map((r) => ({ ...r, photos: Number(r.photos) }));
  const total = conn.select({ n: count() }).from(spotChecks).where(conditions(f)).get()?.n ?? 0;
  return { items, total };
}

export function spotCheckById(conn: Conn, id: number): SpotCheckLine | undefined {
  const row = conn
    .select(lineColumns)
    .from(spotChecks)
    .innerJoin(orgUnits, eq(orgUnits.id, spotChecks.unitId))
    .innerJoin(staff, eq(staff.id, spotChecks.recordedByStaffId))
    .where(eq(spotChecks.id, id))
    .get();
  return row === undefined ? undefined : { ...row, photos: Number(row.photos) };
}

export interface NewSpotCheckPhoto {
  sha256: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  size: number;
}

/** More photos than a check may have. */
export class SpotCheckPhotoLimit extends Error {
  constructor(readonly limit: number) {
    super(`at most ${limit} photos on a spot check`);
    this.name = 'SpotCheckPhotoLimit';
  }
}

/**
 * Records photos (already committed to disk) on a check, in one transaction; bytes the check
 * already has come back as the earlier row, marked `duplicate`. Refused as a whole past `limit`.
 */
export function recordSpotCheckPhotos(
  conn: Conn,
  spotCheckId: number,
  files: readonly NewSpotCheckPhoto[],
  options: { uploadedBy: string; at: Date; limit: number },
): (SpotCheckPhoto & { duplicate: boolean })[] {
  return conn.transaction(
    (tx) => {
      const known = (sha256: string) =>
        tx.select().from(spotCheckPhotos).where(and(eq(spotCheckPhotos.spotCheckId, spotCheckId), eq(spotCheckPhotos.sha256, sha256))).orderBy(asc(spotCheckPhotos.id)).get();
      const existing = spotCheckPhotoCount(tx, spotCheckId);
      const fresh = new Set(files.map((f) => f.sha256).filter((sha) => known(sha) === undefined));
      if (existing + fresh.size > options.limit) throw new SpotCheckPhotoLimit(options.limit);
      return files.map((f) => {
        const earlier = known(f.sha256);
        if (earlier !== undefined) return { ...earlier, duplicate: true };
        const row = tx
          .insert(spotCheckPhotos)
          .values({ spotCheckId, sha256: f.sha256, fileName: f.fileName, mediaType: f.mediaType, size: f.size, uploadedBy: options.uploadedBy, at: options.at })
          .returning()
          .get();
        return { ...row, duplicate: false };
      });
    },
    { behavior: 'immediate' },
  );
}

export function spotCheckPhotoCount(conn: Conn, spotCheckId: number): number {
  return conn.select({ n: count() }).from(spotCheckPhotos).where(eq(spotCheckPhotos.spotCheckId, spotCheckId)).get()?.n ?? 0;
}

export function spotCheckPhotosOf(conn: Conn, spotCheckId: number): SpotCheckPhoto[] {
  return conn.select().from(spotCheckPhotos).where(eq(spotCheckPhotos.spotCheckId, spotCheckId)).orderBy(asc(spotCheckPhotos.id)).all();
}

export function spotCheckPhoto(conn: Conn, spotCheckId: number, photoId: number): SpotCheckPhoto | undefined {
  return conn.select().from(spotCheckPhotos).where(and(eq(spotCheckPhotos.spotCheckId, spotCheckId), eq(spotCheckPhotos.id, photoId))).get();
}
