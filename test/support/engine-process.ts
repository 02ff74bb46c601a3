// Runs the embedded engine (`engine/main.ts`) as a child process, the way `npm start` does,
// for tests and benchmarks that need a separate process (kill -9, peak RSS, loopback load).
//
// The child is `node --import tsx engine/main.ts` rather than the `tsx` CLI: the CLI runs the
// program in a grandchild, so its PID would not be the engine's (wrong /proc/<pid>/status) and
// a SIGKILL would leave the real engine running.

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface EngineProcessOptions {
  dataDir: string;
  /** gRPC port; 0 lets the engine pick one (read back from its log) */
  port: number;
  workflowsDir: string;
  /** default 60 s */
  readyTimeoutMs?: number;
  /** extra environment for the child (SUQIU_REST_PORT defaults to 0 here, so engines never collide on 8080) */
  env?: Record<string, string>;
  /** called with every output line of the child */
  onLine?: (line: string) => void;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface EngineProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** `grpc://127.0.0.1:<port>`, for ZEEBE_GRPC_ADDRESS */
  grpcAddress: string;
  /** `127.0.0.1:<port>`, for zbctl and zeebe-node */
  hostPort: string;
  /** the child's most recent output lines (stdout and stderr) */
  recentOutput(): string;
  exited: Promise<ExitStatus>;
  /** sends a signal and waits until the process has exited */
  kill(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const LISTENING = /gRPC\) listening on [^\s]*:(\d+)/;
const READY = /^engine: ready$/;

export function spawnEngine(options: EngineProcessOptions): Promise<EngineProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine/main.ts'], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      SUQIU_DATA_DIR: options.dataDir,
      SUQIU_GRPC_PORT: String(options.port),
      SUQIU_REST_PORT: '0',
      SUQIU_WORKFLOWS_DIR: options.workflowsDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);

  const lines: string[] = [];
  const exited = new Promise<ExitStatus>((resolveExit) => {
    // 'close' rather than 'exit': it comes after the output pipes are drained.
    child.once('close', (code, signal) => {
      running.delete(child);
      resolveExit({ code, signal });
    });
  });

  let port = options.port;
  let ready = false;
  let onReady: (() => void) | undefined;
  const takeLines = (stream: NodeJS.ReadableStream): void => {
    // Always drain the pipes, or a chatty engine would block on a full pipe.
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      lines.push(line);
      if (lines.length > 200) lines.shift();
      options.onLine?.(line);
      const listening = LISTENING.exec(line);
      if (listening) port = Number(listening[1]);
      if (!ready && READY.test(line)) {
        ready = true;
        onReady?.();
      }
    });
  };
  takeLines(child.stdout!);
  takeLines(child.stderr!);

  const recentOutput = (): string => lines.join('\n');
  const kill = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<ExitStatus> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };

  return new Promise<EngineProcess>((resolveStart, reject) => {
    const timeoutMs = options.readyTimeoutMs ?? 60_000;
    const timer = setTimeout(() => {
      void kill('SIGKILL');
      reject(new Error(`engine not ready within ${timeoutMs} ms; output:\n${recentOutput()}`));
    }, timeoutMs);
    void exited.then((status) => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`engine exited before ready (${JSON.stringify(status)}); output:\n${recentOutput()}`));
    });
    onReady = () => {
      clearTimeout(timer);
      resolveStart({
        child,
        pid: child.pid!,
        port,
        grpcAddress: `grpc://127.0.0.1:${port}`,
        hostPort: `127.0.0.1:${port}`,
        recentOutput,
        exited,
        kill,
      });
    };
  });
}
