// Loads Zeebe's gateway protocol from the copy shipped in @camunda8/sdk, so that the engine
// serves exactly the service the official clients call.

import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function protoPath(): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('@camunda8/sdk'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  const path = join(dir, 'dist', 'proto', 'zeebe.proto');
  if (!existsSync(path)) throw new Error(`Zeebe gateway protocol not found at ${path}`);
  return path;
}

export function loadGatewayService(): grpc.ServiceDefinition {
  const definition = protoLoader.loadSync(protoPath(), {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    gateway_protocol: { Gateway: grpc.ServiceClientConstructor };
  };
  return loaded.gateway_protocol.Gateway.service;
}
