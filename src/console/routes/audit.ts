import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AUDIT_CSV_PATH,
  AUDIT_PATH,
  AuditFilters,
  AuditList,
  AuditQuery,
  ErrorBody,
  type AuditEntry,
} from '@contract';
import { csvHeader, csvLine } from '../audit/csv';
import { orderOf, pageOf, selectionOf } from '../audit/query';
import type { AuditTrail } from '../audit/trail';

/** CSV text, streamed as the client reads it. */
const CsvText = Type.Unsafe<Readable>({ type: 'string', contentMediaType: 'text/csv' });

/**
 * Reading the audit trail: a page at a time, or every entry selected as CSV. Only GET (and the HEAD that
 * comes with it): nothing here, or anywhere, changes or removes an entry.
 */
export function auditRoutes(trail: AuditTrail): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      AUDIT_PATH,
      { schema: { querystring: AuditQuery, response: { 200: AuditList, 400: ErrorBody, 401: ErrorBody } } },
      async (request) => trail.page(selectionOf(request.query), pageOf(request.query)),
    );

    app.get(
      AUDIT_CSV_PATH,
      { schema: { querystring: AuditFilters, response: { 200: CsvText, 400: ErrorBody, 401: ErrorBody } } },
      async (request, reply) => {
        const selection = selectionOf(request.query);
        const batches = trail.batches(selection, orderOf(request.query));
        const day = new Date().toISOString().slice(0, 10);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
          .header('x-content-type-options', 'nosniff')
          .send(Readable.from(csvText(batches)));
      },
    );
  };
}

/** Pulled a batch at a time as the client reads, so an export of any length holds one batch in memory. */
function* csvText(batches: Iterable<AuditEntry[]>): Generator<string> {
  yield csvHeader();
  for (const batch of batches) yield batch.map(csvLine).join('');
}
