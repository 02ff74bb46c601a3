// Variable scopes as Zeebe documents them: each element instance is a scope, the process
// instance is the root; lookups walk outwards, merges update the nearest scope that holds a
// name and otherwise create it at the root.

import type { Tx } from './context.js';

export type Variables = Record<string, unknown>;

/** the chain of scope keys from `scopeKey` out to the process instance (root last) */
export function scopeChain(tx: Tx, scopeKey: number): number[] {
  const chain: number[] = [];
  let key: number | null = scopeKey;
  while (key !== null) {
    chain.push(key);
    const row = tx.store.element(key);
    key = row ? row.flow_scope_key : null;
  }
  return chain;
}

/** every variable visible from a scope; inner scopes shadow outer ones */
export function visibleVariables(tx: Tx, scopeKey: number): Variables {
  const chain = scopeChain(tx, scopeKey);
  const result: Variables = {};
  for (let i = chain.length - 1; i >= 0; i--) {
    for (const row of tx.store.scopeVariables(chain[i]!)) result[row.name] = JSON.parse(row.value);
  }
  return result;
}

export function localVariables(tx: Tx, scopeKey: number): Variables {
  const result: Variables = {};
  for (const row of tx.store.scopeVariables(scopeKey)) result[row.name] = JSON.parse(row.value);
  return result;
}

export function setLocalVariable(tx: Tx, scopeKey: number, processInstanceKey: number, name: string, value: unknown): void {
  const json = JSON.stringify(value ?? null);
  const existing = tx.store.variable(scopeKey, name);
  if (!existing) tx.store.insertVariable(tx.nextKey(), scopeKey, processInstanceKey, name, json);
  else if (existing.value !== json) tx.store.updateVariable(existing, json);
}

export function setLocalVariables(tx: Tx, scopeKey: number, processInstanceKey: number, variables: Variables): void {
  for (const [name, value] of Object.entries(variables)) setLocalVariable(tx, scopeKey, processInstanceKey, name, value);
}

/** Zeebe's merge: update where the name is already defined (walking outwards), else create at the root. */
export function mergeVariables(tx: Tx, scopeKey: number, processInstanceKey: number, variables: Variables): void {
  const names = Object.keys(variables);
  if (names.length === 0) return;
  const chain = scopeChain(tx, scopeKey);
  const root = chain[chain.length - 1]!;
  for (const name of names) {
    const json = JSON.stringify(variables[name] ?? null);
    let done = false;
    for (const key of chain) {
      const existing = tx.store.variable(key, name);
      if (existing) {
        if (existing.value !== json) tx.store.updateVariable(existing, json);
        done = true;
        break;
      }
    }
    if (!done) tx.store.insertVariable(tx.nextKey(), root, processInstanceKey, name, json);
  }
}

/** Assigns `value` at a mapping target such as `a` or `a.b.c` inside `target`, creating contexts on the way. */
export function assignPath(target: Variables, path: string, value: unknown, base: (name: string) => unknown): void {
  const parts = path.split('.');
  const head = parts[0]!;
  if (parts.length === 1) {
    target[head] = value;
    return;
  }
  let current = head in target ? target[head] : base(head);
  current = isPlainObject(current) ? structuredClone(current) : {};
  target[head] = current;
  let node = current as Variables;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    const next = isPlainObject(node[part]) ? { ...(node[part] as Variables) } : {};
    node[part] = next;
    node = next;
  }
  node[parts[parts.length - 1]!] = value;
}

export function isPlainObject(value: unknown): value is Variables {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
