// What a test file that runs engines as child processes must release afterwards: clients,
// engine processes and temporary folders. `useCleanup()` registers one afterAll for all three.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { EngineProcess } from './engine-process.js';
import type { ZeebeClient } from './zeebe-client.js';

export interface Cleanup {
  /** a fresh temporary folder, removed after the file */
  tempDir(prefix: string): Promise<string>;
  /** killed (SIGKILL) after the file, if still running */
  engine(engine: EngineProcess): EngineProcess;
  /** closed after the file */
  client(client: ZeebeClient): ZeebeClient;
}

export function useCleanup(): Cleanup {
  const engines: EngineProcess[] = [];
  const clients: ZeebeClient[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.close()));
    await Promise.allSettled(engines.map((engine) => engine.kill('SIGKILL')));
    await Promise.allSettled(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return {
    async tempDir(prefix) {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    engine(engine) {
      engines.push(engine);
      return engine;
    },
    client(client) {
      clients.push(client);
      return client;
    },
  };
}
