type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A JSON merge patch (RFC 7386) that turns `before` into `after`: `after` itself, plus `null` for every
 * member that `before` has and `after` lost, at any depth. Without those nulls the server would merge
 * and keep what the form removed (a protocol switched off, a cleared description). Arrays are sent
 * whole, because a merge patch replaces them whole anyway.
 */
export function mergePatchFor(before: unknown, after: unknown): Json {
  if (!isObject(after) || !isObject(before)) return after as Json;
  const patch: { [key: string]: Json } = {};
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = null;
  for (const [key, value] of Object.entries(after)) patch[key] = mergePatchFor(before[key], value);
  return patch;
}
