// `npm start` (engine/main.ts): starts from the environment, deploys the workflows folder,
// survives a bad workflow file, and stops cleanly on SIGTERM.

import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useCleanup } from '../support/cleanup.js';
import { spawnEngine } from '../support/engine-process.js';
import { zeebeClient } from '../support/zeebe-client.js';

const GOOD = fileURLToPath(new URL('../durability/one-task.bpmn', import.meta.url));

const cleanup = useCleanup();
const tempDir = (prefix: string) => cleanup.tempDir(prefix);

describe('engine/main.ts', () => {
  it('deploys the good workflows, logs the bad one, gets ready, and stops on SIGTERM', async () => {
    // given
    const dataDir = await tempDir('suqiu-main-data-');
    const workflowsDir = await tempDir('suqiu-main-workflows-');
    await copyFile(GOOD, join(workflowsDir, 'durability-one-task.bpmn'));
    await writeFile(join(workflowsDir, 'broken.bpmn'), '<bpmn:definitions oops');
    await writeFile(join(workflowsDir, 'notes.txt'), 'not a workflow');

    // when
    const engine = await spawnEngine({ dataDir, workflowsDir, port: 0 });
    cleanup.engine(engine);
    const client = zeebeClient(engine.grpcAddress);
    cleanup.client(client);
    const instance = await client.createProcessInstance({ bpmnProcessId: 'durability-one-task', variables: {} });
    await client.close();
    const exit = await engine.kill('SIGTERM');

    // then
    const output = engine.recentOutput();
    expect(engine.port).toBeGreaterThan(0);
    expect(output).toMatch(/^engine: Zeebe gateway \(gRPC\) listening on 127\.0\.0\.1:\d+$/m);
    expect(output).toMatch(/^engine: Camunda REST API \(v2\) listening on 127\.0\.0\.1:\d+$/m);
    expect(output).toMatch(/^engine: deployed durability-one-task\.bpmn$/m);
    expect(output).toMatch(/^engine: could not deploy broken\.bpmn: /m);
    expect(output).not.toContain('notes.txt');
    expect(output).toMatch(/^engine: ready$/m);
    expect(instance.processInstanceKey).toMatch(/^\d+$/);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(output).toMatch(/^engine: stopped$/m);
  });

  it('starts without a workflows folder', async () => {
    // given
    const dataDir = await tempDir('suqiu-main-data-');
    const workflowsDir = join(dataDir, 'no-such-folder');

    // when
    const engine = await spawnEngine({ dataDir, workflowsDir, port: 0 });
    cleanup.engine(engine);
    const exit = await engine.kill('SIGINT');

    // then
    expect(engine.recentOutput()).toContain(`engine: no workflows folder at ${workflowsDir}; nothing deployed`);
    expect(exit).toEqual({ code: 0, signal: null });
  });

  it('refuses a port that is not a number', async () => {
    // given
    const dataDir = await tempDir('suqiu-main-data-');

    // when
    const started = spawnEngine({ dataDir, workflowsDir: dataDir, port: 0, env: { SUQIU_GRPC_PORT: 'grpc' } });

    // then
    await expect(started).rejects.toThrow(/SUQIU_GRPC_PORT must be a port number/);
  });
});
