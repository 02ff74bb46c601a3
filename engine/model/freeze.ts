// Deep freeze for the built model. Maps are frozen too: their mutating methods throw.

function rejectMutation(): never {
  throw new TypeError('the process model is immutable');
}

export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      deepFreeze(key);
      deepFreeze(entry);
    }
    for (const method of ['set', 'delete', 'clear'] as const) {
      Object.defineProperty(value, method, { value: rejectMutation, writable: false, enumerable: false });
    }
    return Object.freeze(value);
  }
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) {
    deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}
