import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { badRequest } from './errors';

/** `/a/0/b` (a JSON pointer) -> `a[0].b`, the form error `param`s take. */
export function pointerToParam(pointer: string, prefix?: string): string | undefined {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = prefix ?? '';
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  return out || undefined;
}

/** Throws a 400 naming the first field of `value` that does not fit `schema`. */
export function assertValid<T extends TSchema>(schema: T, value: unknown, prefix: string): void {
  if (Value.Check(schema, value)) return;
  const [first] = Value.Errors(schema, value);
  // A missing member is reported on its parent; the param names the member itself.
  const missing = (first?.params as { requiredProperties?: string[] } | undefined)?.requiredProperties?.[0];
  if (missing !== undefined) {
    const param = pointerToParam(`${first?.instancePath ?? ''}/${missing}`, prefix);
    throw badRequest(`${param} is required.`, param);
  }
  const param = pointerToParam(first?.instancePath ?? '', prefix);
  throw badRequest(`${param ?? prefix} ${first?.message ?? 'is not valid'}.`, param);
}
