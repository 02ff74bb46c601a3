// The import rules of the architecture ("Imports point one way"), checked on source text.
//
// - `workers/` and `api/` never import `engine/` (they reach an engine only through the official clients);
//   nor does `scripts/deploy-workflows.ts`, the deployment step docker/compose.yaml runs on Camunda 8;
// - those client programs reach an engine only through `@camunda8/sdk` / `@camunda8/orchestration-cluster-api`:
//   no other Zeebe or gRPC client package, no HTTP client package, no literal Camunda REST path
//   (`/v2/...`: a raw call past the client) and none of the embedded engine's own settings
//   (`SUQIU_DATA_DIR`, `SUQIU_GRPC_PORT`, `SUQIU_REST_PORT`: a branch that only works on it);
// - `engine/` imports nothing outside itself through a relative path (bare packages and node: are fine);
// - `domain/` stays pure: no module with I/O and nothing outside `domain/` through a relative path;
// - `store/` does not import `engine/`, `workers/` or `api/`.
//
// Import specifiers are found with TypeScript's pre-processor (`ts.preProcessFile`), which reads
// static imports, `import type`, `export ... from`, dynamic `import()` and `require()` while
// skipping comments and string literals. String literals (for the REST paths and settings) are
// read from TypeScript's syntax tree, so comments never count.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface ImportRef {
  specifier: string;
  line: number;
}

export interface Violation {
  /** repository-relative path with forward slashes */
  file: string;
  line: number;
  specifier: string;
  rule: string;
  /** a string literal rather than an import */
  literal?: boolean;
}

const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const CHECKED_FOLDERS = ['engine', 'domain', 'store', 'workers', 'api'];
/** Programs outside workers/ and api/ that reach an engine and must do so as they do. */
export const CLIENT_PROGRAMS = ['scripts/deploy-workflows.ts'];

/** Packages that speak an engine's protocols other than the official clients, and HTTP clients. */
const NON_OFFICIAL_ENGINE_CLIENTS = [
  'zeebe-node', 'zbctl', '@grpc/grpc-js', '@grpc/proto-loader', 'protobufjs', 'grpc', '@camunda8/zeebe',
  'camunda-8-sdk', 'camunda-8-js-sdk', 'undici', 'axios', 'got', 'node-fetch', 'superagent', 'ky', 'cross-fetch',
];
/** The embedded engine's own settings (engine/main.ts): a client program that reads one branches on it. */
const EMBEDDED_ENGINE_SETTINGS = ['SUQIU_DATA_DIR', 'SUQIU_GRPC_PORT', 'SUQIU_REST_PORT'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'coverage']);

/** Node built-ins that do I/O (bare or `node:`-prefixed). */
const IO_BUILTINS = new Set([
  'fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'dns/promises',
  'child_process', 'cluster', 'worker_threads', 'readline', 'readline/promises', 'inspector', 'repl',
  'sqlite',
]);

/** Packages that do I/O (the package itself or any subpath of it). */
const IO_PACKAGES = [
  'better-sqlite3', 'drizzle-orm', 'drizzle-kit', '@camunda8/sdk', 'zeebe-node', '@grpc/grpc-js',
  '@grpc/proto-loader', 'fastify', 'undici', 'axios', 'got', 'node-fetch', 'pg', 'mysql2', 'ioredis',
];
const IO_PACKAGE_PREFIXES = ['drizzle-', '@fastify/'];

export function importsOf(source: string): ImportRef[] {
  const info = ts.preProcessFile(source, true, true);
  const lineOf = (pos: number): number => source.slice(0, pos).split('\n').length;
  return info.importedFiles.map((ref) => ({ specifier: ref.fileName, line: lineOf(ref.pos) }));
}

/** String and template literals of a source text, with their lines (comments never count). */
export function literalsOf(source: string): ImportRef[] {
  const file = ts.createSourceFile('source.ts', source, ts.ScriptTarget.Latest, true);
  const out: ImportRef[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      out.push({ specifier: node.text, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** workers/, api/ and the client programs: they reach an engine only through the official clients. */
export function isClientProgram(fileRel: string): boolean {
  const from = fileRel.split('/')[0];
  return from === 'workers' || from === 'api' || CLIENT_PROGRAMS.includes(fileRel);
}

/** Rule broken by one string literal of a client program, if any. */
export function literalRuleBroken(fileRel: string, text: string): string | undefined {
  if (!isClientProgram(fileRel)) return undefined;
  if (/(^|[^\w])\/v2(\/|$)/.test(text)) return 'a client program calls the Camunda REST API only through the official client, not by path';
  if (EMBEDDED_ENGINE_SETTINGS.includes(text)) return 'a client program must not read the embedded engine\'s own settings (it would only work there)';
  return undefined;
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

function isPath(specifier: string): boolean {
  return isRelative(specifier) || specifier.startsWith('/') || specifier.startsWith('file:');
}

/** Top folder (repository-relative) a path-like specifier points into; '' for the root, '..' outside. */
function targetTopFolder(fileRel: string, specifier: string): string {
  const spec = specifier.startsWith('file:') ? new URL(specifier).pathname : specifier;
  // Resolve against a fake root so the result is independent of where the repository lives.
  const root = resolve('/__repo__');
  const target = spec.startsWith('/') ? resolve(spec) : resolve(root, dirname(fileRel), spec);
  const rel = relative(root, target);
  if (rel === '') return '';
  if (rel.startsWith('..')) return '..';
  const parts = rel.split(sep);
  return parts.length === 1 && extname(parts[0]) !== '' ? '' : parts[0];
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isIoModule(specifier: string): boolean {
  if (specifier.startsWith('node:')) return IO_BUILTINS.has(specifier.slice('node:'.length));
  if (IO_BUILTINS.has(specifier)) return true;
  const name = packageName(specifier);
  return IO_PACKAGES.includes(name) || IO_PACKAGE_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** Rule broken by one import of `fileRel` (repository-relative, `/`-separated), if any. */
export function ruleBroken(fileRel: string, specifier: string): string | undefined {
  const from = fileRel.split('/')[0];
  const to = isPath(specifier) ? targetTopFolder(fileRel, specifier) : undefined;
  if (isClientProgram(fileRel)) {
    const who = CLIENT_PROGRAMS.includes(fileRel) ? fileRel : `${from}/`;
    if (to === 'engine') return `${who} must not import engine/ (use the official clients)`;
    if (to === undefined && NON_OFFICIAL_ENGINE_CLIENTS.includes(packageName(specifier))) {
      return `${who} must reach an engine only through @camunda8/sdk or @camunda8/orchestration-cluster-api, not ${packageName(specifier)}`;
    }
    return undefined;
  }
  switch (from) {
    case 'engine':
      if (to !== undefined && to !== 'engine') return 'engine/ must not import anything outside engine/';
      return undefined;
    case 'domain':
      if (to !== undefined && to !== 'domain') return 'domain/ must not import anything outside domain/';
      if (to === undefined && isIoModule(specifier)) return 'domain/ must not import modules with I/O';
      return undefined;
    case 'store':
      if (to === 'engine' || to === 'workers' || to === 'api') return `store/ must not import ${to}/`;
      return undefined;
    default:
      return undefined;
  }
}

export function violationsIn(fileRel: string, source: string): Violation[] {
  const violations: Violation[] = [];
  for (const ref of importsOf(source)) {
    const rule = ruleBroken(fileRel, ref.specifier);
    if (rule !== undefined) violations.push({ file: fileRel, line: ref.line, specifier: ref.specifier, rule });
  }
  if (isClientProgram(fileRel)) {
    for (const ref of literalsOf(source)) {
      const rule = literalRuleBroken(fileRel, ref.specifier);
      if (rule !== undefined) violations.push({ file: fileRel, line: ref.line, specifier: ref.specifier, rule, literal: true });
    }
  }
  return violations;
}

function sourceFilesUnder(root: string, folder: string): string[] {
  const found: string[] = [];
  const walk = (relDir: string): void => {
    let entries;
    try {
      entries = readdirSync(join(root, relDir), { withFileTypes: true });
    } catch {
      return; // folder does not exist (yet)
    }
    for (const entry of entries) {
      const rel = `${relDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(rel);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.has(extname(entry.name)) && !entry.name.endsWith('.d.ts')) {
        found.push(rel);
      }
    }
  };
  walk(folder);
  return found.sort();
}

export interface ScanResult {
  filesScanned: number;
  violations: Violation[];
}

export function scanRepository(root: string): ScanResult {
  const programs = CLIENT_PROGRAMS.filter((file) => existsSync(join(root, file)));
  const files = [...CHECKED_FOLDERS.flatMap((folder) => sourceFilesUnder(root, folder)), ...programs];
  const violations = files.flatMap((file) => violationsIn(file, readFileSync(join(root, file), 'utf8')));
  return { filesScanned: files.length, violations };
}

export function describeViolation(v: Violation): string {
  return `${v.file}:${v.line} ${v.literal ? 'uses' : 'imports'} '${v.specifier}': ${v.rule}`;
}
