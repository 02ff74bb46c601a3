// docker/Dockerfile, checked offline against the issue (multi-stage, a pinned node:20 base,
// `npm ci --omit=dev`, a non-root user, no secret baked in) and against the code it ships: every
// command the image or compose runs is a package script or a file in the image, and every module
// those programs load is copied into the image and, if a package, a production dependency.
import { existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf } from '../architecture/import-rules.js';
import {
  ROOT, combinations, dockerfileInstructions, isIgnored, merged, packageJson, readText, suqiuServices, words, type Instruction,
} from './support.js';

const instructions = dockerfileInstructions();
const stages = instructions.filter((i) => i.keyword === 'FROM');
const finalStage = stages.length - 1;
const inFinal = (keyword: string) => instructions.filter((i) => i.stage === finalStage && i.keyword === keyword);

/** `COPY [--from=x] [--chown=..] src... dest` → sources, destination and stage */
function copyOf(i: Instruction): { from?: string; sources: string[]; dest: string } {
  const parts = i.args.split(/\s+/);
  const flags = parts.filter((p) => p.startsWith('--'));
  const paths = parts.filter((p) => !p.startsWith('--'));
  return { from: flags.find((f) => f.startsWith('--from='))?.slice('--from='.length), sources: paths.slice(0, -1), dest: paths.at(-1)! };
}

/** What the final image holds under /app, as repository-relative paths (files or folders). */
function shippedPaths(): string[] {
  const workdir = inFinal('WORKDIR').at(-1)?.args ?? '/';
  return inFinal('COPY').map(copyOf).filter((c) => c.from === undefined).flatMap((c) => c.sources.map((source) => {
    const target = c.dest.startsWith('/') ? c.dest : join(workdir, c.dest);
    // `COPY a b ./` keeps names; `COPY dir ./dir` and `COPY file ./path/file` name the target
    const lands = c.dest.endsWith('/') || c.sources.length > 1 ? join(target, source.split('/').at(-1)!) : target;
    expect(lands, `COPY ${source} lands outside ${workdir}`).toMatch(new RegExp(`^${workdir}/`));
    return lands.slice(workdir.length + 1);
  }));
}

function isShipped(file: string, shipped = shippedPaths()): boolean {
  return !isIgnored(file) && shipped.some((p) => file === p || file.startsWith(`${p}/`));
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The relative imports of a TypeScript program, followed to the end, and the packages it needs. */
function closure(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const { specifier } of importsOf(readText(file))) {
      if (specifier.startsWith('.')) {
        let target = normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts');
        if (!existsSync(join(ROOT, target)) && existsSync(join(ROOT, `${target}.ts`))) target = `${target}.ts`;
        if (existsSync(join(ROOT, target)) && statSync(join(ROOT, target)).isDirectory()) target = join(target, 'index.ts');
        expect(existsSync(join(ROOT, target)), `${file} imports ${specifier}`).toBe(true);
        if (target.endsWith('.ts')) visit(target);
      } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
        packages.add(packageOf(specifier));
      }
    }
  };
  visit(entry);
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/** The TypeScript programs the image runs: its CMD, and every command the compose files give it. */
function programs(): { via: string; file: string }[] {
  const { scripts } = packageJson();
  const commands: { via: string; command: string[] }[] = [];
  const cmd = inFinal('CMD').at(-1);
  if (cmd) commands.push({ via: 'CMD', command: JSON.parse(cmd.args) as string[] });
  for (const files of combinations()) {
    for (const [name, s] of suqiuServices(merged(...files))) commands.push({ via: `compose service ${name}`, command: words(s.command) });
  }
  const out = new Map<string, string>();
  for (const { via, command } of commands) {
    let argv = command;
    if (argv[0] === 'npm' && argv[1] === 'run') {
      const script = scripts[argv[2]!];
      expect(script, `${via}: npm run ${argv[2]} is not a script of package.json`).toBeDefined();
      argv = script!.split(/\s+/);
    }
    const file = argv.find((w) => w.endsWith('.ts'));
    expect(file, `${via}: ${command.join(' ')} runs no TypeScript file`).toBeDefined();
    expect(argv[0] === 'tsx' || (argv[0] === 'node' && argv.includes('tsx')), `${via}: ${argv.join(' ')} runs TypeScript without tsx`).toBe(true);
    out.set(file!, via);
  }
  return [...out].map(([file, via]) => ({ via, file }));
}

describe('docker/Dockerfile', () => {
  it('is multi-stage on a pinned node:20 image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const from of stages) {
      expect(from.args, `line ${from.line}`).toMatch(/^node:20\.\d+\.\d+-[a-z0-9-]+ AS [a-z][a-z0-9-]*$/);
    }
  });

  it('installs exactly the lock file\'s production packages (npm ci --omit=dev) from package.json and package-lock.json alone', () => {
    const ci = instructions.find((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
    expect(ci?.args).toMatch(/\bnpm ci --omit=dev\b/);
    const before = instructions.filter((i) => i.stage === ci!.stage && i.keyword === 'COPY' && i.line < ci!.line).map(copyOf);
    expect(before.flatMap((c) => c.sources).sort()).toEqual(['package-lock.json', 'package.json']);
    expect(instructions.some((i) => i.keyword === 'RUN' && /\bnpm (install|i)\b/.test(i.args))).toBe(false);
  });

  it('copies node_modules into the final stage from a stage that exists', () => {
    const names = stages.map((s) => s.args.split(/\s+AS\s+/i)[1]);
    const fromStage = inFinal('COPY').map(copyOf).filter((c) => c.from !== undefined);
    expect(fromStage.map((c) => c.sources)).toEqual([['/app/node_modules']]);
    for (const c of fromStage) expect(names.slice(0, finalStage)).toContain(c.from);
  });

  it('runs as a non-root user', () => {
    const user = inFinal('USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    // nothing runs as root after the switch
    const switched = inFinal('USER').at(-1)!.line;
    expect(inFinal('RUN').filter((i) => i.line > switched)).toEqual([]);
  });

  it('bakes in no secret', () => {
    for (const i of instructions.filter((x) => x.keyword === 'ENV' || x.keyword === 'ARG')) {
      expect(i.args, `line ${i.line}`).not.toMatch(/SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIAL|API_KEY|CLIENT_ID/i);
    }
    for (const i of instructions.filter((x) => x.keyword === 'COPY' || x.keyword === 'ADD')) {
      expect(i.args, `line ${i.line}`).not.toMatch(/\.env\b|\.npmrc|\.pem\b|\.key\b|id_rsa/);
    }
    expect(instructions.some((i) => i.keyword === 'ADD')).toBe(false);
    expect(isIgnored('docker/.env')).toBe(true);
  });

  it('copies only paths that exist and that the build context keeps', () => {
    for (const c of instructions.filter((i) => i.keyword === 'COPY').map(copyOf).filter((x) => x.from === undefined)) {
      for (const source of c.sources) {
        expect(existsSync(join(ROOT, source)), `COPY ${source}`).toBe(true);
        expect(isIgnored(source), `COPY ${source} is left out by docker/Dockerfile.dockerignore`).toBe(false);
      }
    }
    // the context leaves out what must not travel
    for (const path of ['node_modules/tsx/package.json', 'data/suqiu.db', 'store/db.test.ts', 'test/docker/support.ts', '.git/HEAD']) {
      expect(isIgnored(path), path).toBe(true);
    }
  });

  it.each(programs())('ships $file ($via) with every module it loads, its packages production dependencies', ({ file }) => {
    // given
    const { dependencies } = packageJson();
    const shipped = shippedPaths();

    // when
    const { files, packages } = closure(file);

    // then
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(isShipped(f, shipped), `${f} (loaded by ${file}) is not in the image`).toBe(true);
    for (const p of [...packages, 'tsx']) expect(Object.keys(dependencies), `${p} (loaded by ${file}) is not a production dependency`).toContain(p);
  });

  it('ships the files read at run time: the workflows the deploy step deploys, the store\'s migrations', () => {
    const env = inFinal('ENV').map((i) => i.args).join(' ');
    expect(env).toContain('SUQIU_WORKFLOWS_DIR=/app/workflows');
    expect(isShipped('workflows/request-lifecycle.bpmn')).toBe(true);
    expect(readText('store/db.ts')).toContain("new URL('./migrations', import.meta.url)");
    expect(isShipped('store/migrations/meta/_journal.json')).toBe(true);
  });

  it('runs the workers by default, reachable on their port', () => {
    expect(JSON.parse(inFinal('CMD').at(-1)!.args)).toEqual(['node', '--import', 'tsx', 'workers/main.ts']);
    expect(inFinal('EXPOSE').map((i) => i.args)).toEqual(['9464']);
  });
});
