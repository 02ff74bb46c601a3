// A @camunda8/sdk Zeebe gRPC client for a plaintext gateway without authentication.
// `grpc://` in ZEEBE_GRPC_ADDRESS selects plaintext; ZEEBE_ADDRESS alone would mean TLS.

import { Camunda8 } from '@camunda8/sdk';

export type ZeebeClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

export interface ClientOptions {
  /** retry UNAVAILABLE / RESOURCE_EXHAUSTED etc. (default false: fail fast in tests) */
  retry?: boolean;
}

export function zeebeClient(grpcAddress: string, options: ClientOptions = {}): ZeebeClient {
  const c8 = new Camunda8({
    ZEEBE_GRPC_ADDRESS: grpcAddress,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_OAUTH_DISABLED: true,
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: {
      ZEEBE_GRPC_CLIENT_RETRY: options.retry ?? false,
      ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    },
  });
  return c8.getZeebeGrpcApiClient();
}
