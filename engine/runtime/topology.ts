// The cluster the embedded engine presents: one broker leading one healthy partition. The gRPC
// Topology call and REST GET /v2/topology both describe it (each in its own protocol's spelling).

import { PARTITION_ID } from './keys.js';

export const GATEWAY_VERSION = '8.8.0';

export interface ClusterTopology {
  broker: { nodeId: number; host: string; port: number; version: string };
  partitionId: number;
  clusterSize: number;
  partitionsCount: number;
  replicationFactor: number;
  gatewayVersion: string;
}

/** `bindHost` 0.0.0.0 or :: is advertised as 127.0.0.1, an address clients can connect to */
export function clusterTopology(bindHost: string, brokerPort: number): ClusterTopology {
  const host = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost;
  return {
    broker: { nodeId: 0, host, port: brokerPort, version: GATEWAY_VERSION },
    partitionId: PARTITION_ID,
    clusterSize: 1,
    partitionsCount: 1,
    replicationFactor: 1,
    gatewayVersion: GATEWAY_VERSION,
  };
}
