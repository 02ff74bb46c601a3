// 附件: photos and scanned documents of a case file.
//
//   POST /api/requests/:id/attachments          staff of a unit that may see the request (multipart, one or more files)
//   GET  /api/attachments/:id                   staff who may see its request: the bytes, checked against their hash
//   POST /api/public/requests/:id/attachments   the request's citizen, with the lookup code: photos only, a few
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  AttachmentIntegrityError,
  AttachmentLimitReached,
  attachmentById,
  attachmentCount,
  DOCUMENT_TYPES,
  PHOTO_TYPES,
  recordAttachments,
  type AttachmentFiles,
} from '../../store/attachments.js';
import { checkLookupCode } from '../../store/lookup-codes.js';
import { canSeeRequest } from '../../store/visibility.js';
import { requireStaff } from '../auth/access.js';
import { ApiProblem, conflict, invalidField, notFound, t } from '../problems.js';
import type { RouteOptions } from '../route-options.js';
import { beijing, DateTime, problems } from '../schemas.js';
import type { Api } from '../types.js';
import { receiveFiles, type ReceivedFile, type UploadPolicy } from './uploads.js';
import { attachmentUrl } from './view.js';

const MB = 1024 * 1024;

/** Staff: photos and scanned documents, 10 MB a file, 10 a time, 50 on one request. */
export const STAFF_UPLOADS: UploadPolicy & { perRequest: number } = { allowed: DOCUMENT_TYPES, maxFiles: 10, maxBytes: 10 * MB, perRequest: 50 };
/** The citizen: photos only, 10 MB a file, 3 a time, 6 of their own on one request. */
export const CITIZEN_UPLOADS: UploadPolicy & { perRequest: number } = { allowed: PHOTO_TYPES, maxFiles: 3, maxBytes: 10 * MB, perRequest: 6 };

const UPLOAD_ROLES = ['collector', 'clerk', 'handler', 'leader_in_charge', 'main_leader'] as const;

const RequestIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

const Uploaded = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  at: DateTime,
  url: Type.String(),
  duplicate: Type.Boolean({ description: 'the request already had these bytes: this is the earlier attachment' }),
});
/**
 * For the OpenAPI document: what the multipart form holds. The parts are read later as a stream
 * (receiveFiles), so nothing here is required and `streamedBody` stands in for the body meanwhile.
 */
const multipartBody = (fields: Record<string, unknown>) => ({
  content: { 'multipart/form-data': { schema: { type: 'object', properties: fields, description: 'the parts, in this order' } } },
});
/** The multipart parser leaves the body to be streamed; validation sees an empty form instead. */
const streamedBody = async (request: FastifyRequest) => {
  if (request.isMultipart()) request.body = {};
};
const FileParts = { type: 'array', items: { type: 'string', format: 'binary' }, description: 'one or more files (any field name)' };

const PublicUploaded = Type.Object({ id: Type.Integer(), fileName: Type.String(), mediaType: Type.String(), size: Type.Integer(), sha256: Type.String(), at: DateTime, duplicate: Type.Boolean() });

/**
 * `inline` or `attachment` with the file's name in UTF-8 (RFC 6266 / 5987) and, for clients that
 * only read the plain parameter (curl -J), an ASCII name: the name itself when it is ASCII, else
 * `attachment-<id>` with its extension.
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string, id: number): string {
  const asciiSafe = /^[\x20-\x7e]+$/.test(fileName) && !/["\\%;]/.test(fileName);
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(fileName)?.[0] ?? '';
  const ascii = asciiSafe ? fileName : `attachment-${id}${ext}`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Answers a stored file that fails its check: refused, logged, never served. */
export function integrityProblem(): ApiProblem {
  return new ApiProblem(
    'internal',
    t('附件文件校验失败(文件已被改动或缺失),已拒绝提供并记录;请联系管理员', 'the attachment file fails its integrity check (changed or missing): refused and logged; tell the administrator'),
  );
}

/** Moves the staged files into the store and records them; the staged copies are gone either way. */
async function keep(app: Api, files: AttachmentFiles, requestId: string, received: ReceivedFile[], options: { uploadedBy: string; limit: number; limitPerUploader?: boolean }) {
  try {
    for (const f of received) await files.commit(f);
  } catch (error) {
    await Promise.all(received.map((f) => files.discard(f)));
    throw error;
  }
  try {
    return recordAttachments(
      app.store.db,
      requestId,
      received.map((f) => ({ sha256: f.sha256, fileName: f.fileName, mediaType: f.mediaType, size: f.size })),
      { ...options, at: app.now() },
    );
  } catch (error) {
    // the files stay on disk by their hash: unreferenced, and reused if the same bytes come again
    if (error instanceof AttachmentLimitReached) throw tooMany(error.limit);
    throw error;
  }
}

const tooMany = (limit: number) => conflict(t(`该诉求的附件已达上限(${limit} 个)`, `the request already has the most attachments allowed (${limit})`));

export default async function attachmentRoutes(app: Api, options: RouteOptions & { files: AttachmentFiles }): Promise<void> {
  const { files } = options;

  app.post(
    '/api/requests/:id/attachments',
    {
      config: { access: { staff: UPLOAD_ROLES } },
      preValidation: streamedBody,
      schema: {
        tags: ['case-file'],
        summary: '上传附件 Upload attachments (photos, scanned documents)',
        description:
          `multipart/form-data with one or more file parts (any field name, e.g. \`file\`). Accepted by their bytes: JPEG, PNG, WebP, HEIC, PDF; ` +
          `at most ${STAFF_UPLOADS.maxBytes / MB} MB a file, ${STAFF_UPLOADS.maxFiles} files an upload, ${STAFF_UPLOADS.perRequest} on a request. ` +
          '413 when a file is too large, 415 for another type (both naming the field). The same bytes are stored once.',
        consumes: ['multipart/form-data'],
        body: multipartBody({ file: FileParts }),
        params: RequestIdParams,
        response: { 201: Type.Object({ attachments: Type.Array(Uploaded) }), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { id } = request.params;
      request.audit.target = id;
      if (!canSeeRequest(app.store.db, staff.scope, id)) throw notFound(t(`没有诉求 ${id}`, `no request ${id}`));
      if (attachmentCount(app.store.db, id) >= STAFF_UPLOADS.perRequest) throw tooMany(STAFF_UPLOADS.perRequest);
      const received = await receiveFiles(request, files, STAFF_UPLOADS, {
        onField: (name) => {
          throw invalidField(name, t('不认识的字段', 'is not a known field'));
        },
      });
      const rows = await keep(app, files, id, received, { uploadedBy: staff.staffId, limit: STAFF_UPLOADS.perRequest });
      request.audit.detail = { attachments: rows.map((r) => ({ id: r.id, sha256: r.sha256, size: r.size, mediaType: r.mediaType })) };
      return reply.code(201).send({
        attachments: rows.map((r) => ({ id: r.id, fileName: r.fileName, mediaType: r.mediaType, size: r.size, sha256: r.sha256, at: beijing(r.at), url: attachmentUrl(r.id), duplicate: r.duplicate })),
      });
    },
  );

  app.get(
    '/api/attachments/:id',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['case-file'],
        summary: '下载附件 Download an attachment',
        description:
          'The stored bytes after checking their SHA-256; a file changed on disk is refused (500) and logged, never served. ' +
          'Photos open inline, PDFs download (`?download=true` downloads a photo too).',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) }),
        querystring: Type.Object({ download: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        produces: [...DOCUMENT_TYPES],
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }), ...problems(400, 401, 404, 500) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const a = attachmentById(app.store.db, request.params.id);
      if (a === undefined || !canSeeRequest(app.store.db, staff.scope, a.requestId)) throw notFound(t(`没有附件 ${request.params.id}`, `no attachment ${request.params.id}`));
      let bytes: Buffer;
      try {
        bytes = await files.readVerified(a.sha256, a.size);
      } catch (error) {
        if (!(error instanceof AttachmentIntegrityError)) throw error;
        request.log.error({ attachmentId: a.id, requestId: a.requestId, sha256: a.sha256, problem: error.problem, actualSha256: error.actualSha256 }, 'attachment fails its integrity check: not served');
        throw integrityProblem();
      }
      const inline = a.mediaType.startsWith('image/') && request.query.download !== true;
      return reply
        .header('content-type', a.mediaType)
        .header('content-length', String(bytes.length))
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', a.fileName, a.id))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('etag', `"${a.sha256}"`)
        .send(bytes);
    },
  );

  app.post(
    '/api/public/requests/:id/attachments',
    {
      config: { access: 'public', rateLimit: options.publicRateLimit },
      preValidation: streamedBody,
      schema: {
        tags: ['public'],
        summary: '诉求人上传照片 The citizen adds photos to their request',
        description:
          'multipart/form-data: a `lookupCode` field (the code given at intake) BEFORE the file parts, then the photos. ' +
          `JPEG, PNG, WebP or HEIC by their bytes; at most ${CITIZEN_UPLOADS.maxBytes / MB} MB a photo, ${CITIZEN_UPLOADS.maxFiles} an upload, ` +
          `${CITIZEN_UPLOADS.perRequest} from the citizen on one request. A wrong code answers 403, too many wrong codes lock the request (423).`,
        consumes: ['multipart/form-data'],
        body: multipartBody({ lookupCode: { type: 'string', maxLength: 32, description: 'first: the lookup code' }, photo: FileParts }),
        params: RequestIdParams,
        response: { 201: Type.Object({ attachments: Type.Array(PublicUploaded) }), ...problems(400, 403, 409, 413, 415, 423, 429) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      request.audit.target = id;
      let code: string | undefined;
      let checked = false;
      const check = () => {
        if (checked) return;
        if (code === undefined) throw invalidField('lookupCode', t('请先填写查询码(须在文件之前)', 'the lookup code is required, before the files'));
        const result = checkLookupCode(app.store.db, id, code, app.now());
        if (!result.ok) {
          if (result.reason === 'locked') {
            throw new ApiProblem('locked', t(`查询码错误次数过多,已锁定至 ${beijing(result.until)}`, `too many wrong codes: locked until ${beijing(result.until)}`), [], {
              lockedUntil: beijing(result.until),
            });
          }
          throw new ApiProblem('wrong-code', t('诉求编号或查询码不正确', 'wrong request number or lookup code'), [{ field: 'lookupCode', message: t('查询码不正确', 'wrong code') }]);
        }
        checked = true;
        if (attachmentCount(app.store.db, id, 'citizen') >= CITIZEN_UPLOADS.perRequest) throw tooMany(CITIZEN_UPLOADS.perRequest);
      };
      const received = await receiveFiles(request, files, CITIZEN_UPLOADS, {
        onField: (name, value) => {
          if (name !== 'lookupCode') throw invalidField(name, t('不认识的字段', 'is not a known field'));
          if (code !== undefined) throw invalidField('lookupCode', t('查询码只能填写一次', 'give the lookup code once'));
          if (value.length < 1 || value.length > 32) throw invalidField('lookupCode', t('查询码格式不正确', 'is not a lookup code'));
          code = value;
          request.audit.actor = 'citizen';
        },
        beforeFile: check,
        onEnd: check,
      });
      const rows = await keep(app, files, id, received, { uploadedBy: 'citizen', limit: CITIZEN_UPLOADS.perRequest, limitPerUploader: true });
      request.audit.detail = { attachments: rows.map((r) => ({ id: r.id, sha256: r.sha256, size: r.size, mediaType: r.mediaType })) };
      return reply.code(201).send({
        attachments: rows.map((r) => ({ id: r.id, fileName: r.fileName, mediaType: r.mediaType, size: r.size, sha256: r.sha256, at: beijing(r.at), duplicate: r.duplicate })),
      });
    },
  );
}
