// Zeebe-style keys: the partition id sits in the bits above 51 (Protocol.encodePartitionId),
// so every key of partition 1 is 2^51 + a counter. The counter is persisted with each
// command's transaction, so keys are never reused after a restart.

export const PARTITION_ID = 1;
const PARTITION_BITS = 51;
const KEY_BASE = PARTITION_ID * 2 ** PARTITION_BITS;

export class KeyGenerator {
  private counter: number;
  private persisted: number;

  constructor(lastCounter: number) {
    this.counter = lastCounter;
    this.persisted = lastCounter;
  }

  next(): number {
    this.counter += 1;
    return KEY_BASE + this.counter;
  }

  /** counter value to persist when it moved since the last call, else undefined */
  takeUnpersisted(): number | undefined {
    if (this.counter === this.persisted) return undefined;
    this.persisted = this.counter;
    return this.counter;
  }

  /** after a rolled-back transaction, forget the keys it drew */
  rollback(): void {
    this.counter = this.persisted;
  }
}

