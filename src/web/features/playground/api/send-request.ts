import { apiPaths } from '@contract';
import { ApiError, apiHeaders, apiUrl, toApiError } from '../../../lib/api-client';

export type PlaygroundProtocol = 'invocations' | 'responses';

export interface PlaygroundRequest {
  agent: string;
  sessionId: string;
  protocol: PlaygroundProtocol;
  /** The JSON body as typed (already checked to parse). */
  body: string;
  /** Ask for an event stream (Accept: text/event-stream); agents that can stream then do. */
  stream: boolean;
}

export interface ReplyProgress {
  status: number;
  contentType: string;
  requestId: string | undefined;
  text: string;
}

/**
 * Sends one request to the session through the protocol endpoint and reads the answer as it arrives,
 * calling `onProgress` with everything received so far. Throws ApiError for a non-2xx answer (with
 * the server's message and request id), and the AbortError of `signal` when cancelled.
 */
export async function sendPlaygroundRequest(
  request: PlaygroundRequest,
  signal: AbortSignal,
  onProgress: (progress: ReplyProgress) => void,
): Promise<ReplyProgress> {
  const { agent, sessionId, protocol, stream } = request;
  const url =
    protocol === 'invocations'
      ? apiUrl(apiPaths.invocations(agent), { agent_session_id: sessionId })
      : apiUrl(apiPaths.responses(agent));
  // The Responses protocol names the session in the body; what was typed stays as it was otherwise.
  const body =
    protocol === 'responses'
      ? JSON.stringify({ ...(JSON.parse(request.body) as object), agent_session_id: sessionId })
      : request.body;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: stream ? 'text/event-stream, application/json' : 'application/json',
        ...apiHeaders({ asOwner: true }),
      },
      body,
      signal,
    });
  } catch (err) {
    if (signal.aborted) throw err;
    throw new ApiError(
      0,
      'network_error',
      `The request could not be sent: ${(err as Error).message}`,
      undefined,
    );
  }
  const requestId = res.headers.get('x-request-id') ?? undefined;
  const contentType = res.headers.get('content-type') ?? '';
  if (!res.ok && !contentType.includes('text/event-stream')) {
    throw toApiError(res.status, await res.text(), requestId);
  }
  const progress: ReplyProgress = { status: res.status, contentType, requestId, text: '' };
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      if (!reader) break;
      const { value, done } = await reader.read();
      if (done) break;
      progress.text += decoder.decode(value, { stream: true });
      onProgress({ ...progress });
    }
  } catch (err) {
    if (signal.aborted) throw err;
    throw new ApiError(
      res.status,
      'stream_broken',
      `The reply broke off after ${progress.text.length} characters: ${(err as Error).message}`,
      requestId,
    );
  }
  progress.text += decoder.decode();
  return progress;
}
