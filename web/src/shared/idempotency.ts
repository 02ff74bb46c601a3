// One submission, however often it is retried: the key stays the same while the content does, so a
// retry after a lost answer gets the first answer again (the API keeps it 24 hours) instead of a
// second request; a changed form is a new submission with a new key.

export class IdempotentSubmission {
  private key: string | undefined;
  private content: string | undefined;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  /** the key for submitting `content` now */
  keyFor(content: unknown): string {
    const text = stableJson(content);
    if (this.key === undefined || text !== this.content) {
      this.key = this.newKey();
      this.content = text;
    }
    return this.key;
  }

  /** the submission got its answer: the next one is new even with the same content */
  done(): void {
    this.key = undefined;
    this.content = undefined;
  }
}

/** JSON with object keys in order, so the same content always gives the same text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
