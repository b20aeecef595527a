/** An object or array, not null: a node a copy can share or a walk can enter (functions are leaves). */
export function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
