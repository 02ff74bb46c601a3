// 一案一卷: the whole case file of a request, in three forms made from one projection
// (store/case-file-view.ts → view.ts):
//
//   GET /api/requests/:id/case-file        JSON
//   GET /api/requests/:id/case-file.html   the printable page (no scripts, A4)
//   GET /api/requests/:id/case-file.zip    case-file.json + case-file.html + attachments/, streamed
//
// Staff whose unit may see the request; anyone else gets 404. The case file carries the citizen's
// identity, so every reading of it is written to the audit trail too (who, which request, when).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AttachmentIntegrityError, type AttachmentFiles } from '../../store/attachments.js';
import { appendAudit } from '../../store/audit.js';
import { caseFileView } from '../../store/case-file-view.js';
import { canSeeRequest } from '../../store/visibility.js';
import { requireStaff } from '../auth/access.js';
import { notFound, t } from '../problems.js';
import type { RouteOptions } from '../route-options.js';
import { problems } from '../schemas.js';
import type { Api } from '../types.js';
import { integrityProblem } from './attachment-routes.js';
import { CASE_FILE_CSP, renderCaseFileHtml } from './html.js';
import { caseFileJson, type CaseFileJson } from './view.js';
import { caseFileZip } from './zip.js';

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

export default async function caseFileRoutes(app: Api, options: RouteOptions & { files: AttachmentFiles }): Promise<void> {
  const { files } = options;
  const caseFileRef = Type.Unsafe<CaseFileJson>({ $ref: 'CaseFile#' });

  /** The case file the caller may read, or 404. */
  const readable = (request: FastifyRequest, id: string): CaseFileJson => {
    const staff = requireStaff(request);
    const view = canSeeRequest(app.store.db, staff.scope, id) ? caseFileView(app.store.db, id) : undefined;
    if (view === undefined) throw notFound(t(`没有诉求 ${id}`, `no request ${id}`));
    return caseFileJson(view, app.now());
  };

  /** Every reading of a case file (its personal data) goes into the audit trail, refused ones too. */
  const auditReading = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      appendAudit(app.store.db, {
        at: app.now(),
        actor: request.staff?.staffId ?? 'public',
        actorUnitId: request.staff?.unitId,
        action: `GET ${request.routeOptions.url}`,
        target: (request.params as { id?: string }).id,
        statusCode: reply.statusCode,
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 300),
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not write the audit row of a case-file reading');
    }
  };

  app.get(
    '/api/requests/:id/case-file',
    {
      config: { access: { staff: 'any' } },
      onResponse: auditReading,
      schema: {
        tags: ['case-file'],
        summary: '一案一卷 The case file of a request',
        description:
          'The request, who asked (and the proxy), every step with who did it (name and unit) in Beijing time, the ledger, joint handling, staged measures, ' +
          'the backstop, returns, extensions, the signatures of every round, follow-ups and re-handlings, the notices with their delivery state, and the attachments.',
        params: Params,
        response: { 200: caseFileRef, ...problems(400, 401, 404) },
      },
    },
    async (request) => readable(request, request.params.id),
  );

  app.get(
    '/api/requests/:id/case-file.html',
    {
      config: { access: { staff: 'any' } },
      onResponse: auditReading,
      schema: {
        tags: ['case-file'],
        summary: '一案一卷(打印版) The printable case file',
        description: 'Server-rendered HTML for A4 printing: no scripts (Content-Security-Policy), photos inline from /api/attachments/:id.',
        params: Params,
        produces: ['text/html'],
        response: { 200: Type.Unsafe<unknown>({ type: 'string', description: 'text/html' }), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const file = readable(request, request.params.id);
      const page = renderCaseFileHtml(file, { mode: 'served', attachmentHref: (a) => a.url });
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', CASE_FILE_CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'private, no-store')
        .send(page);
    },
  );

  app.get(
    '/api/requests/:id/case-file.zip',
    {
      config: { access: { staff: 'any' } },
      onResponse: auditReading,
      schema: {
        tags: ['case-file'],
        summary: '一案一卷导出 The case file as a ZIP',
        description:
          'case-file.json, case-file.html (linking the files beside it) and attachments/<id>-<file name>; each attachment is checked against its SHA-256 ' +
          'before it goes in. A file that fails the check refuses the export (500).',
        params: Params,
        produces: ['application/zip'],
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }), ...problems(400, 401, 404, 500) },
      },
    },
    async (request, reply) => {
      const file = readable(request, request.params.id);
      // check every file before the first byte goes out, so a damaged one gives a clear answer
      // rather than a broken download; each is checked again as it goes into the ZIP
      for (const a of file.attachments) {
        try {
          await files.verify(a.sha256, a.size);
        } catch (error) {
          if (!(error instanceof AttachmentIntegrityError)) throw error;
          request.log.error({ attachmentId: a.id, requestId: file.request.id, sha256: a.sha256, problem: error.problem }, 'attachment fails its integrity check: case file not exported');
          throw integrityProblem();
        }
      }
      const stream = caseFileZip(file, files, (error) => request.log.error({ err: error, requestId: file.request.id }, 'case-file export stopped'));
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="case-file-${file.request.id}.zip"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );
}
