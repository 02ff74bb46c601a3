// Reading docker/ offline: the compose files (parsed with `yaml`, merged the way `docker compose -f a
// -f b` merges what these files use), the Dockerfile's instructions, its ignore file, package.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DOCKER = join(ROOT, 'docker');

export type Env = Record<string, string>;

export interface Service {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment: Env;
  ports: string[];
  volumes: string[];
  depends_on: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string; interval?: string; timeout?: string; retries?: number; start_period?: string };
  restart?: string;
  profiles?: string[];
  [key: string]: unknown;
}

export interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  [key: string]: unknown;
}

export const BASE = 'compose.yaml';

/** The override files next to compose.yaml (`compose.<variant>.yaml`). */
export function overrideFiles(): string[] {
  return readdirSync(DOCKER).filter((f) => /^compose\.[a-z0-9-]+\.yaml$/.test(f)).sort();
}

export function readText(relative: string): string {
  return readFileSync(join(ROOT, relative), 'utf8');
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `environment:` as a mapping, whichever of the two forms the file uses (values as strings). */
function envOf(value: unknown): Env {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map((item: string) => {
      const at = item.indexOf('=');
      return at < 0 ? [item, ''] : [item.slice(0, at), item.slice(at + 1)];
    }));
  }
  return Object.fromEntries(Object.entries(record(value)).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function dependsOf(value: unknown): Service['depends_on'] {
  if (Array.isArray(value)) return Object.fromEntries(value.map((name: string) => [name, { condition: 'service_started' }]));
  return record(value) as Service['depends_on'];
}

function normalise(raw: unknown): Service {
  const s = record(raw);
  return {
    ...s,
    environment: envOf(s.environment),
    ports: ((s.ports as unknown[]) ?? []).map(String),
    volumes: ((s.volumes as unknown[]) ?? []).map(String),
    depends_on: dependsOf(s.depends_on),
  } as Service;
}

/** A compose file as written (services normalised; nothing merged). */
export function readCompose(file: string): Compose {
  const doc = record(parse(readFileSync(join(DOCKER, file), 'utf8')));
  const services = Object.fromEntries(Object.entries(record(doc.services)).map(([name, s]) => [name, normalise(s)]));
  return { ...doc, services, volumes: record(doc.volumes) };
}

/** The raw top-level mapping of a compose file (for checks on its shape). */
export function rawCompose(file: string): Record<string, unknown> {
  return record(parse(readFileSync(join(DOCKER, file), 'utf8')));
}

function mergeService(base: Service | undefined, over: Service): Service {
  if (base === undefined) return over;
  const merged: Service = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === 'environment') merged.environment = { ...base.environment, ...over.environment };
    else if (key === 'depends_on') merged.depends_on = { ...base.depends_on, ...over.depends_on };
    else if (key === 'ports') merged.ports = [...base.ports, ...over.ports];
    else if (key === 'volumes') {
      const target = (v: string) => v.split(':')[1];
      merged.volumes = [...base.volumes.filter((v) => !over.volumes.some((o) => target(o) === target(v))), ...over.volumes];
    } else merged[key] = value;
  }
  return merged;
}

/** compose.yaml with the given override files applied in order, as `-f compose.yaml -f ...` does. */
export function merged(...overrides: string[]): Compose {
  let result = readCompose(BASE);
  for (const file of overrides) {
    const over = readCompose(file);
    const services = { ...result.services };
    for (const [name, s] of Object.entries(over.services)) services[name] = mergeService(services[name], s);
    result = { ...result, services, volumes: { ...result.volumes, ...over.volumes } };
  }
  return result;
}

/** Every combination CI checks: the base alone, and the base with each override. */
export function combinations(): string[][] {
  return [[], ...overrideFiles().map((f) => [f])];
}

/** The services that come from Suqiu's own Dockerfile. */
export function suqiuServices(c: Compose): [string, Service][] {
  return Object.entries(c.services).filter(([, s]) => s.build !== undefined);
}

export function packageJson(): { version: string; scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> } {
  return JSON.parse(readText('package.json'));
}

/** The named volume a `volumes:` entry mounts, or undefined for a bind mount. */
export function namedVolume(entry: string): string | undefined {
  const source = entry.split(':')[0]!;
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~') || source.startsWith('$') ? undefined : source;
}

/** A command as words (`["npm", "run", "x"]` or `"npm run x"`). */
export function words(command: string[] | string | undefined): string[] {
  if (command === undefined) return [];
  return Array.isArray(command) ? command : command.split(/\s+/).filter((w) => w !== '');
}

// ---------------------------------------------------------------------------------------------
// the Dockerfile

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
  /** index of the build stage it belongs to (FROM starts a stage) */
  stage: number;
}

/** The Dockerfile's instructions: comments dropped, `\` continuations joined. */
export function dockerfileInstructions(text = readText('docker/Dockerfile')): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  let start = 0;
  let stage = -1;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) return;
    if (pending !== '' && line.startsWith('#')) return;
    if (pending === '') start = i + 1;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      return;
    }
    const full = `${pending}${line}`.trim();
    pending = '';
    const [keyword, ...rest] = full.split(/\s+/);
    const upper = keyword!.toUpperCase();
    if (upper === 'FROM') stage++;
    out.push({ keyword: upper, args: rest.join(' '), line: start, stage });
  });
  return out;
}

/** The patterns of docker/Dockerfile.dockerignore. */
export function ignorePatterns(): string[] {
  const file = join(DOCKER, 'Dockerfile.dockerignore');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') {
        re += '(?:.*/)?';
        i++;
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // a pattern that names a folder also excludes what is inside it
  return new RegExp(`^${re}(/.*)?$`);
}

/** Whether the build context leaves out a repository-relative path. */
export function isIgnored(path: string, patterns = ignorePatterns()): boolean {
  let ignored = false;
  for (const p of patterns) {
    const negate = p.startsWith('!');
    if (globToRegExp(negate ? p.slice(1) : p).test(path)) ignored = !negate;
  }
  return ignored;
}
