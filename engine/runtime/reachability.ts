// Which elements can still reach a given one by sequence flows inside their scope, for the
// inclusive gateway's join rule. Computed once per model and element.

import type { ProcessModel } from '../model/types.js';

const cache = new WeakMap<ProcessModel, Map<string, Set<string>>>();

export function canReach(model: ProcessModel, fromId: string, targetId: string): boolean {
  let perModel = cache.get(model);
  if (!perModel) cache.set(model, (perModel = new Map()));
  let reachable = perModel.get(fromId);
  if (!reachable) perModel.set(fromId, (reachable = computeReachable(model, fromId)));
  return reachable.has(targetId);
}

function computeReachable(model: ProcessModel, fromId: string): Set<string> {
  const seen = new Set<string>();
  const pending = [fromId];
  while (pending.length) {
    const id = pending.pop()!;
    const element = model.elements.get(id);
    if (!element) continue;
    // an active activity may still leave through one of its boundary events
    const exits = [...element.outgoing.map((f) => model.flows.get(f)!.targetId), ...element.boundaryEventIds];
    for (const next of exits) {
      if (!seen.has(next)) {
        seen.add(next);
        pending.push(next);
      }
    }
  }
  return seen;
}
