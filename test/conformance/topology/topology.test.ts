// Topology and key encoding.
// Docs: https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#topology-rpc
//       https://docs.camunda.io/docs/components/zeebe/technical-concepts/partitions/
// Key layout (Zeebe Protocol.encodePartitionId): key = (partitionId << 51) + counter, so
// every key of partition 1 satisfies key >> 51 == 1.
import { describe, expect, it } from 'vitest';
import { EMBEDDED, useHarness } from '../harness.js';

const h = useHarness();

function partitionOf(key: string): bigint {
  return BigInt(key) >> 51n;
}

describe('Topology', () => {
  // The reference is a single-node Camunda 8.8 (one broker, one partition), like the embedded engine.
  it('reports one broker leading partition 1, cluster size 1, and a gateway version', async () => {
    // when
    const topology = await h.zbc.topology();

    // then
    expect(topology.clusterSize).toBe(1);
    expect(topology.partitionsCount).toBe(1);
    expect(topology.replicationFactor).toBe(1);
    expect(typeof topology.gatewayVersion).toBe('string');
    expect(topology.gatewayVersion.length).toBeGreaterThan(0);
    expect(topology.brokers).toHaveLength(1);
    const [broker] = topology.brokers;
    expect(broker!.partitions).toHaveLength(1);
    expect(broker!.partitions[0]).toMatchObject({ partitionId: 1, role: 'LEADER', health: 'HEALTHY' });
    expect(typeof broker!.host).toBe('string');
    expect(typeof broker!.port).toBe('number');
  });

  it('every partition of every broker has a leader (holds for any cluster)', async () => {
    // when
    const topology = await h.zbc.topology();

    // then
    const leaders = new Set<number>();
    for (const b of topology.brokers) for (const p of b.partitions) if (p.role === 'LEADER') leaders.add(p.partitionId);
    expect(leaders.size).toBe(topology.partitionsCount);
  });
});

describe('keys', () => {
  it('are int64 decimal strings in partition 1 (key >> 51 == 1)', async () => {
    // given
    const s = h.scope();
    const deployed = await s.deploy('topology/one-task.bpmn');

    // when
    const created = await s.create('topo-keys');
    const job = await h.waitForJob(s.type('topo-work'));
    await h.complete(job);

    // then
    const keys = {
      processDefinitionKey: deployed.processDefinitionKey,
      processInstanceKey: created.processInstanceKey,
      jobKey: job.key,
      elementInstanceKey: job.elementInstanceKey,
    };
    for (const [name, key] of Object.entries(keys)) {
      expect(key, name).toMatch(/^\d+$/);
      expect(BigInt(key) < 1n << 63n, `${name} fits int64`).toBe(true);
      if (EMBEDDED) expect(partitionOf(key), `${name} ${key} partition`).toBe(1n);
      else expect(partitionOf(key) >= 1n, `${name} ${key} partition`).toBe(true);
    }
    // distinct entities get distinct keys
    expect(new Set(Object.values(keys)).size).toBe(4);
  });
});
