// Receiving files through @fastify/multipart: each file part is streamed to a temporary file while
// it is hashed and its type read from its first bytes (store/attachments.ts), within the limits of
// a policy; refusals answer problem+json naming the multipart field (413 too large, 415 another
// type, 400 empty or malformed). Nothing is kept from a refused upload.
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AttachmentRefused, safeFileName, type AttachmentFiles, type AttachmentMediaType, type StagedFile } from '../../store/attachments.js';
import { ApiProblem, invalidField, t } from '../problems.js';

export interface UploadPolicy {
  allowed: readonly AttachmentMediaType[];
  /** files in one upload */
  maxFiles: number;
  /** bytes per file */
  maxBytes: number;
}

export interface ReceivedFile extends StagedFile {
  fileName: string;
  /** the multipart field it came in */
  field: string;
}

export interface UploadHooks {
  /** a text field (e.g. the citizen's lookup code); throw to refuse it */
  onField?(name: string, value: string): void;
  /** before the first byte of each file is read (e.g. to check the lookup code first) */
  beforeFile?(field: string): void;
  /** after the last part, before the check that a file came (e.g. to check a code sent without files) */
  onEnd?(): void;
}

const TYPE_NAMES: Record<AttachmentMediaType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'application/pdf': 'PDF',
};

const MB = 1024 * 1024;

/**
 * A file name as the browser sent it. Busboy reads a plain `filename="…"` as Latin-1, while
 * browsers and curl send UTF-8 there: the bytes are read again as UTF-8 when they are valid UTF-8.
 * A name given as `filename*=UTF-8''…` arrives decoded already.
 */
export function decodeFileName(raw: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (raw === undefined || /[^\u0000-\u00ff]/.test(raw)) return raw;
  const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? raw : utf8;
}

function refusal(error: AttachmentRefused, field: string, fileName: string, policy: UploadPolicy): ApiProblem {
  const allowed = policy.allowed.map((m) => TYPE_NAMES[m]).join('、');
  const about = { fileName };
  switch (error.reason) {
    case 'too_large':
      return new ApiProblem(
        'too-large',
        t(`文件「${fileName}」超过 ${policy.maxBytes / MB} MB`, `file "${fileName}" is larger than ${policy.maxBytes / MB} MB`),
        [{ field, message: t(`每个文件不超过 ${policy.maxBytes / MB} MB`, `at most ${policy.maxBytes / MB} MB a file`) }],
        { ...about, maxBytes: policy.maxBytes },
      );
    case 'unsupported_type':
      return new ApiProblem(
        'unsupported-media-type',
        t(`文件「${fileName}」的类型不支持,只接受 ${allowed}`, `file "${fileName}" is not of an accepted type (${allowed})`),
        [{ field, message: t(`只接受 ${allowed}(按文件内容判断)`, `only ${allowed} (judged by the file's content)`) }],
        { ...about, accepted: policy.allowed, ...(error.detectedType === undefined ? {} : { detected: error.detectedType }) },
      );
    case 'empty':
      return new ApiProblem('validation', t(`文件「${fileName}」是空的`, `file "${fileName}" is empty`), [{ field, message: t('文件为空', 'is empty') }], about);
  }
}

/** What the multipart parser itself refuses (too many files or fields, not multipart, broken). */
function parserProblem(error: unknown, policy: UploadPolicy): ApiProblem | undefined {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'FST_FILES_LIMIT':
      return new ApiProblem('too-large', t(`一次最多上传 ${policy.maxFiles} 个文件`, `at most ${policy.maxFiles} files at a time`), [
        { field: 'file', message: t(`最多 ${policy.maxFiles} 个文件`, `at most ${policy.maxFiles} files`) },
      ]);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ApiProblem('too-large', t('表单字段过多', 'too many form fields'));
    case 'FST_REQ_FILE_TOO_LARGE':
      return new ApiProblem('too-large', t(`每个文件不超过 ${policy.maxBytes / MB} MB`, `at most ${policy.maxBytes / MB} MB a file`), [
        { field: 'file', message: t(`每个文件不超过 ${policy.maxBytes / MB} MB`, `at most ${policy.maxBytes / MB} MB a file`) },
      ]);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ApiProblem('unsupported-media-type', t('请以 multipart/form-data 上传文件', 'send the files as multipart/form-data'));
    case 'FST_PROTO_VIOLATION':
    case 'FST_MP_PREMATURE_CLOSE':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new ApiProblem('bad-request', t('上传内容不完整或格式有误', 'the upload is incomplete or malformed'));
  }
  if (error instanceof Error && /multipart|boundary|part header|terminated early/i.test(error.message)) {
    return new ApiProblem('bad-request', t('上传内容不完整或格式有误', 'the upload is incomplete or malformed'));
  }
  return undefined;
}

/**
 * Reads every part of a multipart upload: text fields go to `hooks.onField`, files are staged
 * (temporary files, hashed, typed by their bytes). On any refusal the files staged so far are
 * removed and the problem is thrown. At least one file is required.
 */
export async function receiveFiles(request: FastifyRequest, files: AttachmentFiles, policy: UploadPolicy, hooks: UploadHooks = {}): Promise<ReceivedFile[]> {
  const received: ReceivedFile[] = [];
  try {
    const parts = request.parts({
      limits: { fileSize: policy.maxBytes + 1, files: policy.maxFiles, fields: 10, fieldSize: 1000, parts: policy.maxFiles + 10, headerPairs: 50 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        hooks.onField?.(part.fieldname, String(part.value));
        continue;
      }
      hooks.beforeFile?.(part.fieldname);
      const fileName = safeFileName(decodeFileName(part.filename), `附件${received.length + 1}`);
      try {
        const staged = await files.stage(part.file, policy);
        received.push({ ...staged, fileName, field: part.fieldname });
      } catch (error) {
        if (error instanceof AttachmentRefused) throw refusal(error, part.fieldname, fileName, policy);
        throw error;
      }
    }
    hooks.onEnd?.();
    if (received.length === 0) throw invalidField('file', t('请选择要上传的文件', 'no file was sent'));
    return received;
  } catch (error) {
    await Promise.all(received.map((f) => files.discard(f)));
    if (error instanceof ApiProblem) throw error;
    throw parserProblem(error, policy) ?? error;
  }
}
