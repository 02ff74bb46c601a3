// 四不两直 On-the-spot checks by the supervision group.
//
//   POST /api/spot-checks                          a supervisor records a check of a unit (and optionally one of its requests)
//   POST /api/spot-checks/:id/photos               a supervisor adds photos (multipart, like a case file's attachments)
//   GET  /api/spot-checks                          the checks: the district's units see all, any other unit its own (read only)
//   GET  /api/spot-checks/:id                      one check with its photos (same rule)
//   GET  /api/spot-checks/:id/photos/:photoId      a photo's bytes, checked against their hash
//
// A check of a request writes a step into its case file; the unit is told either way (store/spot-checks.ts).
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AttachmentFiles, AttachmentIntegrityError, PHOTO_TYPES } from '../../store/attachments.js';
import { getOrgUnit } from '../../store/org-units.js';
import {
  CHECKED_UNIT_KINDS,
  recordSpotCheck,
  recordSpotCheckPhotos,
  spotCheckById,
  spotCheckLines,
  spotCheckPhoto,
  spotCheckPhotoCount,
  spotCheckPhotosOf,
  SpotCheckPhotoLimit,
  type SpotCheckLine,
  type SpotCheckPhoto,
} from '../../store/spot-checks.js';
import { canSeeRequest } from '../../store/visibility.js';
import { requireStaff } from '../auth/access.js';
import { scopeOfUnit, type Staff } from '../auth/staff.js';
import { contentDisposition, integrityProblem } from '../case-file/attachment-routes.js';
import { receiveFiles, type UploadPolicy } from '../case-file/uploads.js';
import { badRequest, conflict, forbidden, invalidField, notFound, t } from '../problems.js';
import type { RouteOptions } from '../route-options.js';
import { beijing, DateTime, Nullable, problems } from '../schemas.js';
import type { Api } from '../types.js';

const MB = 1024 * 1024;
/** Photos only: 10 MB each, 10 an upload, 30 on one check. */
export const SPOT_CHECK_PHOTOS: UploadPolicy & { perCheck: number } = { allowed: PHOTO_TYPES, maxFiles: 10, maxBytes: 10 * MB, perCheck: 30 };
/** A check recorded as done a little "later" than the server's clock is clock skew, not the future. */
const SKEW_MS = 5 * 60_000;

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });
const PhotoParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }), photoId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });

const Photo = Type.Object(
  { id: Type.Integer(), fileName: Type.String(), mediaType: Type.String(), size: Type.Integer(), sha256: Type.String(), at: DateTime, url: Type.String() },
  { additionalProperties: false },
);
const UploadedPhoto = Type.Object({ ...Photo.properties, duplicate: Type.Boolean({ description: 'the check already had these bytes: this is the earlier photo' }) }, { additionalProperties: false });

const checkFields = {
  id: Type.Integer(),
  unit: Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }),
  requestId: Nullable(Type.String()),
  checkedAt: DateTime,
  unannounced: Type.Boolean({ description: '不打招呼: the unit was not told beforehand' }),
  findings: Type.String(),
  recordedBy: Type.Object({ staffId: Type.String(), name: Type.String() }, { additionalProperties: false }),
  createdAt: DateTime,
  photoCount: Type.Integer(),
};
const SpotCheckItem = Type.Object(checkFields, { additionalProperties: false });
const SpotCheckDetail = Type.Object({ ...checkFields, photos: Type.Array(Photo) }, { additionalProperties: false });

const NewCheck = Type.Object(
  {
    unitId: Type.String({ minLength: 1, maxLength: 64, description: 'the unit checked (a village, community, township, street, department or the special team)' }),
    requestId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64, description: 'a request of that unit, when the check was of one' }))),
    checkedAt: { ...DateTime, description: 'when the check took place (ISO 8601 with offset), not in the future' },
    unannounced: Type.Boolean({ description: 'true: 四不两直, the unit was not told beforehand' }),
    findings: Type.String({ minLength: 1, maxLength: 5000, description: '发现的问题' }),
  },
  { additionalProperties: false },
);

const photoUrl = (checkId: number, photoId: number) => `/api/spot-checks/${checkId}/photos/${photoId}`;
const photoView = (p: SpotCheckPhoto) => ({ id: p.id, fileName: p.fileName, mediaType: p.mediaType, size: p.size, sha256: p.sha256, at: beijing(p.at), url: photoUrl(p.spotCheckId, p.id) });

function checkView(c: SpotCheckLine) {
  return {
    id: c.id,
    unit: { id: c.unitId, name: c.unitName },
    requestId: c.requestId,
    checkedAt: beijing(c.checkedAt),
    unannounced: c.unannounced,
    findings: c.findings,
    recordedBy: { staffId: c.recordedByStaffId, name: c.recordedByName },
    createdAt: beijing(c.createdAt),
    photoCount: c.photos,
  };
}

/** The district's units read every check; any other unit its own. */
const readsAll = (staff: Staff) => staff.scope.kind === 'district';
const mayRead = (staff: Staff, c: { unitId: string }) => readsAll(staff) || c.unitId === staff.unitId;

/** The multipart parser leaves the body to be streamed; validation sees an empty form instead. */
const streamedBody = async (request: FastifyRequest) => {
  if (request.isMultipart()) request.body = {};
};

export default async function spotChecksRoutes(app: Api, options: RouteOptions): Promise<void> {
  await app.register(multipart, { limits: { fileSize: SPOT_CHECK_PHOTOS.maxBytes + 1, files: SPOT_CHECK_PHOTOS.maxFiles } });
  const files = new AttachmentFiles(options.config.attachmentsDir);

  const readable = (request: FastifyRequest, id: number): SpotCheckLine => {
    const staff = requireStaff(request);
    const check = spotCheckById(app.store.db, id);
    if (check === undefined || !mayRead(staff, check)) throw notFound(t(`没有检查记录 ${id}`, `no spot check ${id}`));
    return check;
  };

  app.post(
    '/api/spot-checks',
    {
      config: { access: { staff: ['supervisor'] } },
      schema: {
        tags: ['spot-checks'],
        summary: '登记四不两直检查 Record an on-the-spot check',
        description:
          'By the supervision group (role supervisor). A check of a request (`requestId`, which must be one of that unit: located in it or on its ledger) adds a step `spot_check` to its case file; ' +
          'the unit gets a notice in its inbox either way. Photos follow with `POST /api/spot-checks/{id}/photos`.',
        body: NewCheck,
        response: { 201: SpotCheckDetail, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const b = request.body;
      const unit = getOrgUnit(app.store.db, b.unitId);
      if (unit === undefined || !CHECKED_UNIT_KINDS.includes(unit.kind)) throw invalidField('unitId', t('不是办理诉求的单位', 'names no unit that handles requests'));
      const requestId = b.requestId ?? null;
      request.audit.target = requestId ?? `unit:${unit.id}`;
      if (requestId !== null && !canSeeRequest(app.store.db, scopeOfUnit(unit), requestId)) {
        throw invalidField('requestId', t(`${unit.name}没有诉求 ${requestId}`, `${unit.name} has no request ${requestId}`));
      }
      const checkedAt = new Date(b.checkedAt);
      const now = app.now();
      if (checkedAt.getTime() > now.getTime() + SKEW_MS) throw invalidField('checkedAt', t('检查时间不能晚于现在', 'cannot be in the future'));
      const row = recordSpotCheck(app.store.db, { unitId: unit.id, requestId, checkedAt, unannounced: b.unannounced, findings: b.findings, recordedByStaffId: staff.staffId, at: now });
      request.audit.detail = { spotCheckId: row.id, unitId: unit.id };
      return reply.code(201).send({ ...checkView(spotCheckById(app.store.db, row.id)!), photos: [] });
    },
  );

  app.post(
    '/api/spot-checks/:id/photos',
    {
      config: { access: { staff: ['supervisor'] } },
      preValidation: streamedBody,
      schema: {
        tags: ['spot-checks'],
        summary: '上传检查照片 Add photos to a spot check',
        description:
          `multipart/form-data with one or more photo parts (any field name). JPEG, PNG, WebP or HEIC by their bytes; at most ${SPOT_CHECK_PHOTOS.maxBytes / MB} MB a photo, ` +
          `${SPOT_CHECK_PHOTOS.maxFiles} an upload, ${SPOT_CHECK_PHOTOS.perCheck} on a check. 413 too large, 415 another type (naming the field); the same bytes are kept once.`,
        consumes: ['multipart/form-data'],
        body: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { photo: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } },
        params: IdParams,
        response: { 201: Type.Object({ photos: Type.Array(UploadedPhoto) }, { additionalProperties: false }), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const check = readable(request, request.params.id);
      const staff = requireStaff(request);
      request.audit.target = check.requestId ?? `spot-check:${check.id}`;
      const tooMany = () => conflict(t(`该检查记录的照片已达上限(${SPOT_CHECK_PHOTOS.perCheck} 张)`, `the check already has the most photos allowed (${SPOT_CHECK_PHOTOS.perCheck})`));
      if (spotCheckPhotoCount(app.store.db, check.id) >= SPOT_CHECK_PHOTOS.perCheck) throw tooMany();
      const received = await receiveFiles(request, files, SPOT_CHECK_PHOTOS, {
        onField: (name) => {
          throw invalidField(name, t('不认识的字段', 'is not a known field'));
        },
      });
      try {
        for (const f of received) await files.commit(f);
      } catch (error) {
        await Promise.all(received.map((f) => files.discard(f)));
        throw error;
      }
      let rows;
      try {
        rows = recordSpotCheckPhotos(
          app.store.db,
          check.id,
          received.map((f) => ({ sha256: f.sha256, fileName: f.fileName, mediaType: f.mediaType, size: f.size })),
          { uploadedBy: staff.staffId, at: app.now(), limit: SPOT_CHECK_PHOTOS.perCheck },
        );
      } catch (error) {
        // the bytes stay on disk by their hash: unreferenced, and reused if the same bytes come again
        if (error instanceof SpotCheckPhotoLimit) throw tooMany();
        throw error;
      }
      request.audit.detail = { spotCheckId: check.id, photos: rows.map((r) => ({ id: r.id, sha256: r.sha256, size: r.size, mediaType: r.mediaType })) };
      return reply.code(201).send({ photos: rows.map((r) => ({ ...photoView(r), duplicate: r.duplicate })) });
    },
  );

  app.get(
    '/api/spot-checks',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['spot-checks'],
        summary: '四不两直检查记录 On-the-spot checks',
        description: "The latest checked first. The district's units (the supervision group, ...) see every check; any other unit sees the checks of itself only (another `unit`: 403).",
        querystring: Type.Object(
          {
            unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            requestId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            from: Type.Optional({ ...DateTime, description: 'checked at or after' }),
            to: Type.Optional({ ...DateTime, description: 'checked before' }),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(SpotCheckItem), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }, { additionalProperties: false }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const q = request.query;
      if (q.unit !== undefined && !readsAll(staff) && q.unit !== staff.unitId) throw forbidden(t('只能查看本单位的检查记录', 'you may read the checks of your own unit only'));
      const from = q.from === undefined ? undefined : new Date(q.from);
      const to = q.to === undefined ? undefined : new Date(q.to);
      if (from !== undefined && to !== undefined && from > to) throw badRequest(t('起始时间晚于结束时间', '`from` is after `to`'), 'from');
      const units = q.unit !== undefined ? [q.unit] : readsAll(staff) ? undefined : [staff.unitId];
      const { items, total } = spotCheckLines(app.store.db, { units, requestId: q.requestId, from, to }, { limit: q.limit, offset: q.offset });
      return { items: items.map(checkView), total, limit: q.limit, offset: q.offset };
    },
  );

  app.get(
    '/api/spot-checks/:id',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['spot-checks'],
        summary: '检查记录详情 One on-the-spot check, with its photos',
        params: IdParams,
        response: { 200: SpotCheckDetail, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const check = readable(request, request.params.id);
      return { ...checkView(check), photos: spotCheckPhotosOf(app.store.db, check.id).map(photoView) };
    },
  );

  app.get(
    '/api/spot-checks/:id/photos/:photoId',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['spot-checks'],
        summary: '检查照片 A photo of a spot check',
        description: 'The stored bytes after checking their SHA-256; a file changed on disk is refused (500) and logged, never served.',
        params: PhotoParams,
        produces: [...PHOTO_TYPES],
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }), ...problems(400, 401, 404, 500) },
      },
    },
    async (request, reply) => {
      const check = readable(request, request.params.id);
      const photo = spotCheckPhoto(app.store.db, check.id, request.params.photoId);
      if (photo === undefined) throw notFound(t(`没有照片 ${request.params.photoId}`, `no photo ${request.params.photoId}`));
      let bytes: Buffer;
      try {
        bytes = await files.readVerified(photo.sha256, photo.size);
      } catch (error) {
        if (!(error instanceof AttachmentIntegrityError)) throw error;
        request.log.error({ spotCheckId: check.id, photoId: photo.id, sha256: photo.sha256, problem: error.problem }, 'spot-check photo fails its integrity check: not served');
        throw integrityProblem();
      }
      return reply
        .header('content-type', photo.mediaType)
        .header('content-length', String(bytes.length))
        .header('content-disposition', contentDisposition('inline', photo.fileName, photo.id))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('etag', `"${photo.sha256}"`)
        .send(bytes);
    },
  );
}
