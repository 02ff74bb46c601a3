// The compose files as a Compose implementation reads them, offline: Debian's `docker-compose`
// (1.29, apt package docker-compose) validates each combination against its Compose schema and
// resolves the merge and the interpolation with `config`, which needs no Docker engine. CI installs
// it (.ci/run); without it this file is skipped locally with a message, and fails in CI (CI set).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BASE, DOCKER, ROOT, combinations } from './support.js';

const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const probe = spawnSync('docker-compose', ['version', '--short'], { encoding: 'utf8' });
const haveCompose = probe.status === 0;
if (!haveCompose) {
  console.warn('SKIPPED test/docker/compose-config.test.ts: docker-compose not found (install Debian\'s: apt-get install docker-compose). In CI (CI set) this fails instead.');
}

/** values for the variables the variants require (docker/README.md) */
const REQUIRED = { CAMUNDA_POSTGRES_PASSWORD: 'offline-check' };

function config(files: string[], extraEnv: NodeJS.ProcessEnv = REQUIRED, ...args: string[]) {
  const fileArgs = files.flatMap((f) => ['-f', f.startsWith('/') ? f : join(DOCKER, f)]);
  // no DOCKER_HOST: config must not need an engine
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extraEnv };
  return spawnSync('docker-compose', [...fileArgs, 'config', ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 60_000 });
}

describe.skipIf(!haveCompose && !inCi)('docker-compose config (offline)', () => {
  it('is installed', () => {
    expect(haveCompose, 'docker-compose is missing: .ci/run installs Debian\'s docker-compose with apt-get').toBe(true);
  });

  it.each(combinations().map((files) => ({ files, name: ['compose.yaml', ...files].join(' + ') })))('$name is valid and resolves', ({ files }) => {
    // when
    const run = config([BASE, ...files]);

    // then: valid, and every service of the result has an image
    expect(run.status, run.stderr).toBe(0);
    const resolved = parse(run.stdout) as { services: Record<string, { image?: string }> };
    for (const [name, s] of Object.entries(resolved.services)) expect(s.image, name).toBeDefined();
  });

  it('stops the PostgreSQL variant without its password', () => {
    const run = config([BASE, 'compose.postgres.yaml'], {});
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('CAMUNDA_POSTGRES_PASSWORD');
  });

  it('rejects a broken file (the check is real)', () => {
    // given: a service with an option Compose does not know
    const dir = mkdtempSync(join(tmpdir(), 'suqiu-compose-'));
    try {
      const file = join(dir, 'broken.yaml');
      writeFileSync(file, 'services:\n  orchestration:\n    environment:\n      A: "1"\n    helthcheck:\n      test: ["CMD", "true"]\n');

      // when
      const run = config([BASE, file]);

      // then
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('helthcheck');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
