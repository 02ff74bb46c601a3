// Every environment variable the app reads (engine/, workers/, store/, scripts/, api/) is either set
// in docker/ (a compose file or the Dockerfile's ENV) or documented (README.md, workers/README.md,
// docker/README.md), so nobody has to read the code to run Suqiu on Camunda 8. And every Suqiu
// variable docker/ sets is one the app reads (a typo there would silently do nothing).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, ROOT, dockerfileInstructions, overrideFiles, readCompose } from './support.js';

const APP_FOLDERS = ['engine', 'workers', 'store', 'scripts', 'api'];
const DOCS = ['README.md', 'workers/README.md', 'docker/README.md'];

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    if (!existsSync(join(ROOT, rel))) return;
    for (const entry of readdirSync(join(ROOT, rel), { withFileTypes: true })) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
      else if (entry.isFile() && ['.ts', '.js', '.mjs'].includes(extname(entry.name)) && !/\.test\.[mc]?[jt]s$/.test(entry.name)) out.push(path);
    }
  };
  walk(folder);
  return out;
}

/** Variable names read by a source text: `process.env.X`, `env.X`, `env['X']`, and names passed as strings. */
function variablesReadBy(source: string): string[] {
  const names = new Set<string>();
  const patterns = [
    /\b(?:process\.)?env\.([A-Z_][A-Z0-9_]*)\b/g,
    /\b(?:process\.)?env\[\s*['"`]([A-Z_][A-Z0-9_]*)['"`]\s*\]/g,
    // names handed to a helper (`whole(env, 'SUQIU_WORKERS_PORT', ...)`) or listed (`CAMUNDA_KEYS`)
    /['"`]((?:SUQIU|ZEEBE|CAMUNDA)_[A-Z0-9_]+)['"`]/g,
  ];
  for (const pattern of patterns) for (const [, name] of source.matchAll(pattern)) names.add(name!);
  return [...names].sort();
}

function appVariables(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of APP_FOLDERS.flatMap(sourceFiles)) {
    for (const name of variablesReadBy(readFileSync(join(ROOT, file), 'utf8'))) if (!found.has(name)) found.set(name, file);
  }
  return found;
}

function setInDocker(): Set<string> {
  const names = new Set<string>();
  for (const file of [BASE, ...overrideFiles()]) {
    for (const s of Object.values(readCompose(file).services)) for (const name of Object.keys(s.environment)) names.add(name);
  }
  for (const i of dockerfileInstructions().filter((x) => x.keyword === 'ENV')) {
    for (const [, name] of i.args.matchAll(/(?:^|\s)([A-Z_][A-Z0-9_]*)=/g)) names.add(name!);
  }
  return names;
}

function documented(name: string): boolean {
  return DOCS.some((doc) => existsSync(join(ROOT, doc)) && readFileSync(join(ROOT, doc), 'utf8').includes(`\`${name}\``));
}

describe('environment variables', () => {
  it('finds what the app reads, however it reads it', () => {
    // given
    const source = [
      "const a = process.env.SUQIU_A ?? 'x';",
      "const b = env.SUQIU_B || 'y';",
      "const c = process.env['SUQIU_C'];",
      "whole(env, 'SUQIU_D', 8);",
      "const keys = ['ZEEBE_E', 'CAMUNDA_F'];",
      "const other = 'not a variable';",
    ].join('\n');

    // when
    const names = variablesReadBy(source);

    // then
    expect(names).toEqual(['CAMUNDA_F', 'SUQIU_A', 'SUQIU_B', 'SUQIU_C', 'SUQIU_D', 'ZEEBE_E']);
  });

  it('covers the settings every service is known to read', () => {
    const read = appVariables();
    for (const name of ['ZEEBE_GRPC_ADDRESS', 'CAMUNDA_AUTH_STRATEGY', 'SUQIU_STORE_PATH', 'SUQIU_WORKERS_PORT', 'SUQIU_WORKFLOWS_DIR', 'SUQIU_DATA_DIR']) {
      expect([...read.keys()]).toContain(name);
    }
  });

  it('every variable the app reads is set in docker/ or documented', () => {
    const set = setInDocker();
    const missing = [...appVariables()].filter(([name]) => !set.has(name) && !documented(name)).map(([name, file]) => `${name} (read in ${file})`);
    expect(missing, `document these in ${DOCS.join(', ')} or set them in docker/`).toEqual([]);
  });

  it('every Suqiu variable docker/ sets is read by the app', () => {
    const read = appVariables();
    const unread = [...setInDocker()].filter((name) => name.startsWith('SUQIU_') && !read.has(name));
    expect(unread).toEqual([]);
  });
});
