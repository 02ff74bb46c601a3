import { describe, expect, it } from 'vitest';
import { appendCaseEvent, caseFile } from './case-file.js';
import { once, wasProcessed } from './idempotency.js';
import { receive, storeWithOrganisation } from './testing.js';

describe('once', () => {
  it('applies a step once and answers a repeat with the first result', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    let runs = 0;
    const step = () =>
      once(db, 'notify:42', 'notify', (tx) => {
        runs++;
        appendCaseEvent(tx, { requestId: 'r1', kind: 'noted', actor: 'system' });
        return { run: runs };
      });

    // when
    const first = step();
    const second = step();

    // then
    expect(first).toEqual({ result: { run: 1 }, applied: true });
    expect(second).toEqual({ result: { run: 1 }, applied: false });
    expect(caseFile(db, 'r1').filter((e) => e.kind === 'noted')).toHaveLength(1);
    expect(wasProcessed(db, 'notify:42')).toBe(true);
    close();
  });

  it('records nothing when the step fails, so a retry applies it', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    const failing = () =>
      once(db, 'k', 'fail', (tx) => {
        appendCaseEvent(tx, { requestId: 'r1', kind: 'half-done', actor: 'system' });
        throw new Error('boom');
      });

    // when
    expect(failing).toThrow('boom');
    const retry = once(db, 'k', 'fail', () => 'done');

    // then
    expect(retry).toEqual({ result: 'done', applied: true });
    expect(caseFile(db, 'r1').map((e) => e.kind)).toEqual(['received']);
    close();
  });
});
