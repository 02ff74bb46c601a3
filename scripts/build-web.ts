// Builds the pages (web/, Vite) into web/dist when their sources changed since the last build:
// `npm run build:web` always builds; `npm start` and the browser tests (test/web/system.ts) call `ensureWebBuilt()`,
// which builds only when the fingerprint of the sources (every file under web/src, the HTML
// entries, the Vite config and package-lock.json, by content) differs from the one the last
// build left in web/dist/.sources. SUQIU_WEB_DIR builds into another folder (the API serves the
// same variable), so that two checkouts' or sessions' builds never write over each other.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const WEB_DIR = join(ROOT, 'web');
export const WEB_DIST = process.env.SUQIU_WEB_DIR || join(WEB_DIR, 'dist');
const STAMP = join(WEB_DIST, '.sources');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (!entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** A hash of everything a build reads. */
export function sourcesFingerprint(): string {
  const files = [
    ...filesUnder(join(WEB_DIR, 'src')),
    ...readdirSync(WEB_DIR).filter((f) => f.endsWith('.html') || f === 'vite.config.ts').map((f) => join(WEB_DIR, f)),
    join(ROOT, 'package-lock.json'),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function webIsBuilt(): boolean {
  return existsSync(STAMP) && existsSync(join(WEB_DIST, 'index.html')) && readFileSync(STAMP, 'utf8').trim() === sourcesFingerprint();
}

export async function buildWeb(log: (line: string) => void = console.log): Promise<void> {
  const started = Date.now();
  const fingerprint = sourcesFingerprint();
  log(`web: building the pages (vite build) into ${WEB_DIST} ...`);
  const { build } = await import('vite');
  await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn', build: { outDir: WEB_DIST } });
  writeFileSync(STAMP, `${fingerprint}\n`);
  const size = readdirSync(join(WEB_DIST, 'assets')).reduce((sum, f) => sum + statSync(join(WEB_DIST, 'assets', f)).size, 0);
  log(`web: built in ${((Date.now() - started) / 1000).toFixed(1)} s (${(size / 1024 / 1024).toFixed(1)} MB of assets)`);
}

const LOCK = `${WEB_DIST.replace(/\/+$/, '')}.lock`;
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Builds unless web/dist already holds a build of these very sources. Several processes may ask
 * at once (browser test files run side by side): one builds while holding a lock folder (mkdir
 * is atomic), the others wait for it and then find the build done.
 */
export async function ensureWebBuilt(log: (line: string) => void = console.log): Promise<void> {
  for (;;) {
    if (webIsBuilt()) return;
    try {
      mkdirSync(LOCK, { recursive: false });
    } catch {
      // someone else builds; a lock left by a killed build is taken over after a while
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      if (!webIsBuilt()) await buildWeb(log);
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb().catch((error: unknown) => {
    console.error(`web: build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
