import { AUDIT_MAX_RANGE_DAYS, type AuditFilters, type AuditQuery } from '@contract';
import { HttpError } from '../../server/errors';
import { auditSeq, type AuditSelection, type Order, type PageRequest } from './trail';

const DEFAULT_LIMIT = 20;
const DAY_MS = 24 * 3600_000;

/** A date, or a date and time with a zone: a time without one would mean a different moment on each machine. */
const TIME_FORM = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/i;

const badRequest = (message: string, param: string) => new HttpError(400, 'invalid_request', message, param);

/** The entries a query's filters select; a bad time or range is a 400 saying which and why. */
export function selectionOf(filters: AuditFilters, now = Date.now()): AuditSelection {
  const fromMs = filters.from === undefined ? undefined : parseTime(filters.from, 'from');
  const toMs = filters.to === undefined ? undefined : parseTime(filters.to, 'to');
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
    throw badRequest(`'from' (${filters.from}) is later than 'to' (${filters.to}).`, 'from');
  }
  if (fromMs !== undefined && (toMs ?? now) - fromMs > AUDIT_MAX_RANGE_DAYS * DAY_MS) {
    throw badRequest(
      `A time range may span at most ${AUDIT_MAX_RANGE_DAYS} days; narrow 'from'${toMs === undefined ? " (or give a 'to')" : " or 'to'"}.`,
      'from',
    );
  }
  return {
    ...(filters.person !== undefined && { person: filters.person }),
    ...(filters.action !== undefined && { action: filters.action }),
    ...(filters.agent !== undefined && { agent: filters.agent }),
    ...(filters.session !== undefined && { session: filters.session }),
    ...(filters.connection !== undefined && { connection: filters.connection }),
    ...(fromMs !== undefined && { fromMs }),
    ...(toMs !== undefined && { toMs }),
  };
}

export const orderOf = (filters: AuditFilters): Order => filters.order ?? 'desc';

/** The page a query asks for, by the contract's rules for lists: one cursor at most, of a real id's form. */
export function pageOf(query: AuditQuery): PageRequest {
  if (query.after !== undefined && query.before !== undefined) {
    throw badRequest('Give either after or before, not both.', 'after');
  }
  const page: PageRequest = { limit: query.limit ?? DEFAULT_LIMIT, order: orderOf(query) };
  for (const param of ['after', 'before'] as const) {
    const id = query[param];
    if (id === undefined) continue;
    const seq = auditSeq(id);
    if (seq === undefined) {
      throw badRequest(
        `'${id.slice(0, 40)}' is not an audit entry id; use the first_id or last_id of a page.`,
        param,
      );
    }
    page[param] = seq;
  }
  return page;
}

function parseTime(text: string, param: 'from' | 'to'): number {
  const form = TIME_FORM.exec(text);
  const ms = form ? Date.parse(text) : NaN;
  if (!form || Number.isNaN(ms) || !realDate(Number(form[1]), Number(form[2]), Number(form[3]))) {
    throw badRequest(
      `'${param}' must be a date (2026-03-10) or a time with its zone (2026-03-10T09:30:00Z), not '${text}'.`,
      param,
    );
  }
  return ms;
}

function realDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
