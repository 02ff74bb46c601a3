// GET /v2/topology: one broker leading one healthy partition.

import type { RestContext } from '../context.js';
import type { Router } from '../router.js';

export const GATEWAY_VERSION = '8.8.0';

export function registerTopology(router: Router, { topology }: RestContext): void {
  router.get('/v2/topology', () => ({
    json: {
      brokers: [{
        nodeId: 0,
        host: topology.host === '0.0.0.0' || topology.host === '::' ? '127.0.0.1' : topology.host,
        port: topology.port(),
        partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
        version: GATEWAY_VERSION,
      }],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: GATEWAY_VERSION,
      // no cluster changes were ever made
      lastCompletedChangeId: '-1',
    },
  }));
}
