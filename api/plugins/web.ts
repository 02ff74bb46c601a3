// The pages (web/, built by `npm run build:web` into web/dist), served on the API's own port so
// that people have one address: the citizens' pages at `/`, the public board at `/board`, the
// workbench at `/workbench` and the dashboard at `/dashboard`. Each area is one HTML page whose
// router shows the screen the path names, so every path under an area answers that area's page.
// Built assets carry a content hash in their names and are cached for a year; the pages
// themselves are never cached, so a new build is seen on the next visit.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

export interface WebPluginOptions {
  /** web/dist */
  dir: string;
}

/** Each area's page and the paths it answers (the area's router takes it from there). */
export const AREAS = [
  { page: 'index.html', paths: ['/', '/submit', '/track', '/track/*'] },
  { page: 'board.html', paths: ['/board', '/board/*'] },
  { page: 'staff.html', paths: ['/workbench', '/workbench/*', '/dashboard', '/dashboard/*'] },
] as const;

// Scripts and styles from this origin only (Element Plus and Vant set inline styles; charts draw
// on canvas; photos preview as blob: URLs); no framing by other sites.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function notBuilt(reply: FastifyReply, dir: string): FastifyReply {
  return reply
    .code(503)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      `<!doctype html><meta charset="utf-8"><title>诉求 Suqiu</title>` +
        `<p>页面尚未构建：请运行 <code>npm run build:web</code>（<code>npm start</code> 会自动构建）。</p>` +
        `<p>The pages are not built: run <code>npm run build:web</code> (<code>npm start</code> builds them). Looked in ${dir}.</p>`,
    );
}

async function webPlugin(app: FastifyInstance, options: WebPluginOptions): Promise<void> {
  const assets = join(options.dir, 'assets');
  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: '/assets/',
      index: false,
      wildcard: true,
      immutable: true,
      maxAge: '365d',
      schemaHide: true,
    });
  }
  // read on each visit (a page is under a kilobyte): a new build is served at once, never an old
  // page naming assets the build replaced
  const pageText = (page: string): string | undefined => {
    const file = join(options.dir, page);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };
  for (const area of AREAS) {
    for (const path of area.paths) {
      app.get(path, { schema: { hide: true } }, async (_request, reply) => {
        const text = pageText(area.page);
        if (text === undefined) return notBuilt(reply, options.dir);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .header('content-security-policy', CONTENT_SECURITY_POLICY)
          .header('x-content-type-options', 'nosniff')
          .header('referrer-policy', 'same-origin')
          .send(text);
      });
    }
  }
}

export default fp(webPlugin, { name: 'suqiu-web', fastify: '5.x' });
