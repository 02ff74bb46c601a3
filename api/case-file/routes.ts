// 一案一卷 (one case, one file): the case file of a request as JSON, a printable page and a ZIP,
// and its attachments (uploads by staff and by the citizen, downloads checked against their hash).
// Multipart parsing is registered here only, for these routes.
import multipart from '@fastify/multipart';
import { AttachmentFiles } from '../../store/attachments.js';
import type { RouteOptions } from '../route-options.js';
import type { Api } from '../types.js';
import attachmentRoutes, { STAFF_UPLOADS } from './attachment-routes.js';
import caseFileRoutesOfRequest from './case-file-routes.js';
import { CaseFileActorSchema, CaseFileSchema } from './view.js';

export default async function caseFileRoutes(app: Api, options: RouteOptions): Promise<void> {
  await app.register(multipart, { limits: { fileSize: STAFF_UPLOADS.maxBytes + 1, files: STAFF_UPLOADS.maxFiles } });
  app.addSchema(CaseFileActorSchema);
  app.addSchema(CaseFileSchema);
  const files = new AttachmentFiles(options.config.attachmentsDir);
  await app.register(caseFileRoutesOfRequest, { ...options, files });
  await app.register(attachmentRoutes, { ...options, files });
}
