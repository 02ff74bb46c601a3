import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeViolation, importsOf, scanRepository, violationsIn } from './import-rules.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('import scanner', () => {
  it('finds static, type-only, re-export, side-effect, dynamic and require imports', () => {
    // given
    const source = [
      "import a from './a.js';",
      "import type { B } from '../b.js';",
      'import {',
      '  c,',
      "} from 'multi-line';",
      "import 'side-effect';",
      "export * from './re-export.js';",
      "export { e } from './named-re-export.js';",
      "const lazy = await import('./dynamic.js');",
      "const old = require('common-js');",
    ].join('\n');

    // when
    const found = importsOf(source);

    // then
    expect(found.map((ref) => ref.specifier)).toEqual([
      './a.js',
      '../b.js',
      'multi-line',
      'side-effect',
      './re-export.js',
      './named-re-export.js',
      './dynamic.js',
      'common-js',
    ]);
    expect(found[2].line).toBe(5);
  });

  it('ignores imports in comments and strings', () => {
    // given
    const source = [
      "// import x from '../engine/server.js';",
      "/* import y from '../engine/server.js'; */",
      "const text = \"import z from '../engine/server.js'\";",
    ].join('\n');

    // when
    const found = importsOf(source);

    // then
    expect(found).toEqual([]);
  });
});

describe('import rules', () => {
  it('detects workers/ and api/ importing engine/', () => {
    // given
    const worker = "import { startEngine } from '../../engine/server.js';\n";
    const api = "export * from '../engine/model/types.js';\n";
    const lazyApi = "const engine = await import('../../engine/server.js');\n";

    // when
    const violations = [
      ...violationsIn('workers/assign/handler.ts', worker),
      ...violationsIn('api/app.ts', api),
      ...violationsIn('api/routes/x.ts', lazyApi),
    ];

    // then
    expect(violations.map((v) => [v.file, v.specifier])).toEqual([
      ['workers/assign/handler.ts', '../../engine/server.js'],
      ['api/app.ts', '../engine/model/types.js'],
      ['api/routes/x.ts', '../../engine/server.js'],
    ]);
    expect(describeViolation(violations[0])).toContain('workers/ must not import engine/');
  });

  it('detects client programs reaching an engine past the official clients', () => {
    // given
    const worker = [
      "import { ZBClient } from 'zeebe-node';",
      "import * as grpc from '@grpc/grpc-js';",
      "import axios from 'axios';",
      "const res = await fetch(`${base}/v2/user-tasks/search`, { method: 'POST' });",
      "const port = process.env['SUQIU_GRPC_PORT'];",
    ].join('\n');
    const deploy = "import { startEngine } from '../engine/server.js';\nconst dir = env.SUQIU_DATA_DIR ?? 'SUQIU_DATA_DIR';\n";

    // when
    const violations = [
      ...violationsIn('workers/runtime/runner.ts', worker),
      ...violationsIn('scripts/deploy-workflows.ts', deploy),
    ];

    // then
    expect(violations.map((v) => [v.file, v.line, v.specifier])).toEqual([
      ['workers/runtime/runner.ts', 1, 'zeebe-node'],
      ['workers/runtime/runner.ts', 2, '@grpc/grpc-js'],
      ['workers/runtime/runner.ts', 3, 'axios'],
      ['workers/runtime/runner.ts', 4, '/v2/user-tasks/search'],
      ['workers/runtime/runner.ts', 5, 'SUQIU_GRPC_PORT'],
      ['scripts/deploy-workflows.ts', 1, '../engine/server.js'],
      ['scripts/deploy-workflows.ts', 2, 'SUQIU_DATA_DIR'],
    ]);
    expect(describeViolation(violations[0]!)).toContain('only through @camunda8/sdk or @camunda8/orchestration-cluster-api, not zeebe-node');
    expect(describeViolation(violations[3]!)).toBe(
      "workers/runtime/runner.ts:4 uses '/v2/user-tasks/search': a client program calls the Camunda REST API only through the official client, not by path",
    );
  });

  it('lets client programs use the official clients, and other programs what they need', () => {
    // given
    const cases: Array<[string, string]> = [
      ['workers/runtime/runner.ts', "import { Camunda8 } from '@camunda8/sdk';\nimport type { ZeebeJob } from '@camunda8/sdk/dist/zeebe/lib/interfaces-1.0.js';"],
      ['api/app.ts', "import type { CamundaClient } from '@camunda8/orchestration-cluster-api';\nconst route = '/api/requests/v2x';"],
      ['workers/notes.ts', '// a comment about GET /v2/topology and SUQIU_GRPC_PORT is not a call\nexport {};'],
      ['scripts/start.ts', "const env = { SUQIU_GRPC_PORT: '0' };\nconst url = 'http://127.0.0.1/v2/topology';"],
      ['test/x.test.ts', "import * as grpc from '@grpc/grpc-js';\nawait fetch('/v2/clock');"],
    ];

    // when
    const violations = cases.flatMap(([file, source]) => violationsIn(file, source));

    // then
    expect(violations).toEqual([]);
  });

  it('detects engine/ reaching outside itself through a relative path', () => {
    // given
    const source = [
      "import { z } from '../../domain/levels.js';",
      "import pkg from '../../package.json';",
      "import { parseBpmn } from '../model/parse.js';",
      "import Database from 'better-sqlite3';",
      "import { readFile } from 'node:fs/promises';",
    ].join('\n');

    // when
    const violations = violationsIn('engine/runtime/job.ts', source);

    // then
    expect(violations.map((v) => v.specifier)).toEqual(['../../domain/levels.js', '../../package.json']);
  });

  it('detects I/O and outside imports in domain/', () => {
    // given
    const source = [
      "import { readFileSync } from 'node:fs';",
      "import net from 'net';",
      "import Database from 'better-sqlite3';",
      "import { sqliteTable } from 'drizzle-orm/sqlite-core';",
      "import { repo } from '../store/requests.js';",
      "import { level } from './levels.js';",
      "import { join } from 'node:path';",
    ].join('\n');

    // when
    const violations = violationsIn('domain/routing.ts', source);

    // then
    expect(violations.map((v) => v.specifier)).toEqual([
      'node:fs',
      'net',
      'better-sqlite3',
      'drizzle-orm/sqlite-core',
      '../store/requests.js',
    ]);
  });

  it('allows what the layout allows', () => {
    // given
    const cases: Array<[string, string]> = [
      ['workers/assign/handler.ts', "import { route } from '../../domain/routing.js';\nimport { Camunda8 } from '@camunda8/sdk';"],
      ['api/app.ts', "import { requests } from '../store/requests.js';"],
      ['engine/main.ts', "import { startEngine } from './server.js';\nimport { join } from 'node:path';"],
      ['store/requests.ts', "import { level } from '../domain/levels.js';\nimport Database from 'better-sqlite3';"],
      ['test/anything.test.ts', "import { startEngine } from '../engine/server.js';"],
    ];

    // when
    const violations = cases.flatMap(([file, source]) => violationsIn(file, source));

    // then
    expect(violations).toEqual([]);
  });
});

describe('the repository', () => {
  it('scan fails on a repository with a violation', () => {
    // given
    const root = mkdtempSync(join(tmpdir(), 'suqiu-arch-'));
    try {
      mkdirSync(join(root, 'engine'), { recursive: true });
      mkdirSync(join(root, 'workers', 'notify'), { recursive: true });
      writeFileSync(join(root, 'engine', 'server.ts'), 'export const startEngine = 1;\n');
      writeFileSync(
        join(root, 'workers', 'notify', 'handler.ts'),
        "import { startEngine } from '../../engine/server.js';\nexport const x = startEngine;\n",
      );

      // when
      const result = scanRepository(root);

      // then
      expect(result.filesScanned).toBe(2);
      expect(result.violations.map(describeViolation)).toEqual([
        "workers/notify/handler.ts:1 imports '../../engine/server.js': workers/ must not import engine/ (use the official clients)",
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('scans the client programs outside workers/ and api/ too', () => {
    // given
    const root = mkdtempSync(join(tmpdir(), 'suqiu-arch-'));
    try {
      mkdirSync(join(root, 'scripts'), { recursive: true });
      writeFileSync(join(root, 'scripts', 'deploy-workflows.ts'), "import { ZBClient } from 'zeebe-node';\n");
      writeFileSync(join(root, 'scripts', 'start.ts'), "import { startEngine } from '../engine/server.js';\n");

      // when
      const result = scanRepository(root);

      // then: the deploy step is a client program; start.ts (the embedded engine's launcher) is not
      expect(result.filesScanned).toBe(1);
      expect(result.violations.map((v) => [v.file, v.specifier])).toEqual([['scripts/deploy-workflows.ts', 'zeebe-node']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps its imports pointing one way', () => {
    // given
    const root = repositoryRoot;

    // when
    const result = scanRepository(root);

    // then
    expect(result.filesScanned).toBeGreaterThan(0);
    expect(result.violations.map(describeViolation)).toEqual([]);
  });
});
