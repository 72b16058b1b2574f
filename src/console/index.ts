import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { AUDIT_ACTIONS, HISTORY_DEFAULT_DAYS, HISTORY_DEFAULT_MAX_MB, LOCAL_CONNECTION } from '@contract';
import { createAccess, SIGN_IN_REQUIRED, type Access } from '../server/access';
import { HttpError } from '../server/errors';
import { observeChangingCalls } from './audit/observe';
import { serverUser } from './audit/person';
import { AuditTrail } from './audit/trail';
import { auditRoutes } from './routes/audit';
import { historyRoutes } from './routes/history';
import { attachRecorder, Recorder, type RecorderTiming } from './recorder';
import type { QueueLimits } from './recorder/queue';
import { openConsoleDb } from './store/db';

export interface ConsoleOptions {
  /** The data folder; the console keeps `console.sqlite` there, beside the host's database. */
  dataDir: string;
  /** The local host's project endpoint on this server (`/api/projects/local`): its calls are the `local` connection's. */
  localEndpoint: string;
  /** Who may read the console's API: the server's own access, as for the host API and the gateway. */
  access?: Access;
  /** Who calls are recorded as; by default the OS user running the server. */
  person?: string;
  /** How long (days) and how much (MB of the store) recorded history is kept: `--history-days`, `--history-max-mb`. */
  history?: { days?: number; maxMb?: number };
  /** The server's `--token`: the recorder calls the server's own API with it, as the browser does. */
  token?: string;
  /** The recorder's intervals and queue bounds; tests set them short and small. */
  recorder?: { timing?: Partial<RecorderTiming>; queue?: Partial<QueueLimits> };
}

/**
 * The console's own server side, as one plugin for the server that hosts the console: the audit trail of
 * every changing call that passes through that server (host API, gateway and console API alike) and
 * `/api/console/audit` to read it. It watches calls by the route they matched, so it needs no part of the
 * host or the gateway. Opens its store now, so a store it cannot use stops the console before it starts.
 */
export function consoleServer(options: ConsoleOptions): FastifyPluginAsync {
  const db = openConsoleDb(options.dataDir);
  const trail = new AuditTrail(db);
  const recorder = new Recorder(db, {
    localEndpoint: options.localEndpoint,
    ...(options.token !== undefined && { token: options.token }),
    limits: {
      days: options.history?.days ?? HISTORY_DEFAULT_DAYS,
      maxMb: options.history?.maxMb ?? HISTORY_DEFAULT_MAX_MB,
    },
    ...options.recorder,
  });
  const person = options.person ?? serverUser();
  const access = options.access ?? createAccess(undefined);

  const plugin: FastifyPluginAsync = async (app) => {
    app.addHook('onClose', async () => {
      await recorder.close();
      db.close();
    });
    observeChangingCalls(app, {
      trail,
      person,
      localEndpoint: options.localEndpoint,
      localConnection: LOCAL_CONNECTION,
    });
    attachRecorder(app, recorder, {
      localEndpoint: options.localEndpoint,
      localConnection: LOCAL_CONNECTION,
    });

    await app.register(async (api) => {
      api.addHook('onRequest', async (request) => {
        if (!access.allows(request.headers)) {
          throw new HttpError(401, 'console_sign_in_required', SIGN_IN_REQUIRED);
        }
      });
      api.setErrorHandler((error: FastifyError, _request, reply) => {
        const first = error.validation?.[0];
        if (error.validationContext === 'querystring' && first?.instancePath === '/action') {
          const body = new HttpError(
            400,
            'invalid_request',
            `Unknown action; it is one of ${AUDIT_ACTIONS.join(', ')}.`,
            'action',
          ).body();
          return reply.status(400).send(body);
        }
        // Everything else is answered as on the rest of the server, by its own handler.
        throw error;
      });
      await api.register(auditRoutes(trail));
      await api.register(
        historyRoutes({
          db,
          control: recorder,
          limits: {
            days: options.history?.days ?? HISTORY_DEFAULT_DAYS,
            maxMb: options.history?.maxMb ?? HISTORY_DEFAULT_MAX_MB,
          },
        }),
      );
    });
  };
  // The audit hooks must see every route of the server, not only this plugin's: Fastify's documented way
  // for a plugin to add to the context it is registered in rather than to a child of its own.
  return Object.assign(plugin, { [Symbol.for('skip-override')]: true });
}
