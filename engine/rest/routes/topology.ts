// GET /v2/topology: one broker leading one healthy partition.

import type { RestContext } from '../context.js';
import type { Router } from '../router.js';
import { clusterTopology } from '../../runtime/topology.js';

export function registerTopology(router: Router, { topology }: RestContext): void {
  router.get('/v2/topology', () => {
    const t = clusterTopology(topology.host, topology.port());
    return {
      json: {
        brokers: [{ ...t.broker, partitions: [{ partitionId: t.partitionId, role: 'leader', health: 'healthy' }] }],
        clusterSize: t.clusterSize,
        partitionsCount: t.partitionsCount,
        replicationFactor: t.replicationFactor,
        gatewayVersion: t.gatewayVersion,
        // no cluster changes were ever made
        lastCompletedChangeId: '-1',
      },
    };
  });
}
