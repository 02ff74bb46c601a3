// Public entry of the embedded engine: open the state, serve the gateway, stop cleanly.
// (Stub signature; the implementation lands with the runtime.)

export interface EngineOptions {
  /** folder for the SQLite state (created if missing) */
  dataDir: string;
  /** gRPC port; 0 picks a free one */
  grpcPort: number;
  /** default 0.0.0.0 */
  host?: string;
  log?: (line: string) => void;
}

export interface RunningEngine {
  /** e.g. `grpc://127.0.0.1:26500`, ready for ZEEBE_GRPC_ADDRESS */
  grpcAddress: string;
  grpcPort: number;
  /** deploys a BPMN resource, as DeployResource would */
  deploy(resourceName: string, xml: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startEngine(_options: EngineOptions): Promise<RunningEngine> {
  throw new Error('not implemented yet');
}
