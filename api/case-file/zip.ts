// The ZIP export of a case file (yazl, streamed): case-file.json, case-file.html (linking the
// files beside it) and attachments/<id>-<file name>. Every attachment is read back and checked
// against its SHA-256 just before it goes in, one at a time (at most one file in memory); a file
// that fails the check stops the export (the stream errors) instead of shipping changed bytes.
import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { AttachmentFiles } from '../../store/attachments.js';
import { renderCaseFileHtml } from './html.js';
import type { AttachmentJson, CaseFileJson } from './view.js';

/** The path of an attachment inside the ZIP: no folders, nothing a file system could misread. */
export function zipEntryName(a: Pick<AttachmentJson, 'id' | 'fileName'>): string {
  return `attachments/${a.id}-${a.fileName.replace(/[/\\:*?"<>|]/g, '_')}`;
}

export function caseFileZip(file: CaseFileJson, files: AttachmentFiles, onError: (error: unknown) => void): NodeJS.ReadableStream {
  const zip = new yazl.ZipFile();
  const mtime = new Date(Date.parse(file.generatedAt));
  zip.addBuffer(Buffer.from(JSON.stringify(file, null, 2), 'utf8'), 'case-file.json', { mtime });
  const page = renderCaseFileHtml(file, {
    mode: 'zip',
    attachmentHref: (a) => zipEntryName(a).split('/').map(encodeURIComponent).join('/'),
  });
  zip.addBuffer(Buffer.from(page, 'utf8'), 'case-file.html', { mtime });
  for (const a of file.attachments) {
    // photos and PDFs are compressed already: stored as they are
    zip.addReadStreamLazy(zipEntryName(a), { compress: false, size: a.size, mtime: new Date(Date.parse(a.at)) }, (callback) => {
      files.readVerified(a.sha256, a.size).then(
        (bytes) => callback(null, Readable.from([bytes])),
        (error: unknown) => callback(error, undefined as unknown as NodeJS.ReadableStream),
      );
    });
  }
  zip.on('error', (error: unknown) => {
    onError(error);
    (zip.outputStream as Readable).destroy(error instanceof Error ? error : new Error(String(error)));
  });
  zip.end();
  return zip.outputStream;
}
