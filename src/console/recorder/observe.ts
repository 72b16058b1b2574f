import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiPaths, type AgentSession, type List } from '@contract';
import { describeCall, GATEWAY_ROUTE, type CallPlaces } from '../audit/describe';
import type { SessionRef } from '../history/recording-control';
import { RECORDER_HEADER, type Recorder } from './recorder';

/** `/gateway/{connection}/agents/{agent}/endpoint/sessions/{session}`, the path of reading one session. */
const GATEWAY_SESSION = /^\/gateway\/([^/?]+)\/agents\/([^/?]+)\/endpoint\/sessions\/([^/?:]+)(?:\?|$)/;

/** How far before a create's answer a session counts as the one it made (clocks of two machines). */
const CREATED_SLACK_MS = 5000;

/**
 * Tells the recorder at once about sessions a person works with through this server: one created,
 * invoked, or (on a Foundry connection) opened. A root `onResponse` hook, like the audit trail's, that
 * reads the request and its answer and changes neither; the recorder's own calls are not counted.
 */
export function observeSessionCalls(app: FastifyInstance, recorder: Recorder, places: CallPlaces): void {
  app.addHook('onResponse', async (request, reply) => {
    if (!recorder.running || request.headers[RECORDER_HEADER] !== undefined) return;
    if (reply.statusCode < 200 || reply.statusCode >= 300) return;
    try {
      noticeCall(request, reply, recorder, places);
    } catch (err) {
      request.log.warn({ err }, 'the recorder could not follow a call');
    }
  });
}

function noticeCall(request: FastifyRequest, reply: FastifyReply, recorder: Recorder, places: CallPlaces) {
  if (request.method === 'GET') {
    if (request.routeOptions.url !== GATEWAY_ROUTE) return;
    const m = GATEWAY_SESSION.exec(request.raw.url ?? '');
    if (!m) return;
    const [connection, agent, session] = [m[1]!, m[2]!, m[3]!].map(decodeSafely) as [string, string, string];
    recorder.consider({ connection, agent, session }, 'opened');
    return;
  }
  if (request.method !== 'POST') return;
  const call = describeCall(request, places);
  if (!call?.connection || !call.agent) return;
  const ref = (session: string): SessionRef => ({
    connection: call.connection!,
    agent: call.agent!,
    session,
  });
  if (call.action === 'invocation' || call.action === 'response') {
    const session =
      call.session ??
      header(reply.raw.getHeader('x-agent-session-id')) ??
      header(reply.getHeader('x-agent-session-id'));
    if (session !== undefined) recorder.consider(ref(session), 'invoked');
    return;
  }
  if (call.action === 'session.create') {
    // The new session's id is in the answer's body, which a root hook does not see through the gateway;
    // the sessions made just now are read back instead.
    void createdSince(
      recorder,
      call.connection,
      call.agent,
      Date.now() - reply.elapsedTime - CREATED_SLACK_MS,
    ).then((ids) => {
      for (const id of ids) recorder.consider(ref(id), 'created');
    });
  }
}

/** The ids of the agent's sessions created at or after `sinceMs`, newest first. */
async function createdSince(recorder: Recorder, connection: string, agent: string, sinceMs: number) {
  try {
    const res = await fetch(
      recorder.url(connection, apiPaths.sessions(agent), { order: 'desc', limit: '20' }),
      {
        headers: recorder.headers(),
      },
    );
    if (!res.ok) {
      await res.body?.cancel();
      return [];
    }
    const list = (await res.json()) as List<AgentSession>;
    return list.data
      .filter((s) => s.created_at * 1000 >= Math.floor(sinceMs / 1000) * 1000)
      .map((s) => s.agent_session_id);
  } catch {
    return [];
  }
}

function header(value: unknown): string | undefined {
  if (Array.isArray(value)) value = value[0];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
