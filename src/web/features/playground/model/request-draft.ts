import type { PlaygroundProtocol } from '../api/send-request';

/** Invocations take either a plain message or a JSON body typed as is; Responses a message only. */
export type BodyMode = 'message' | 'json';

/** A message in the shape each protocol's sample agents read. */
const messageBody = (protocol: PlaygroundProtocol, message: string) =>
  protocol === 'responses' ? { input: message } : { message };

/** The body to start from for a protocol: what its sample agents understand. */
export function exampleBody(protocol: PlaygroundProtocol, message = 'Hello from the console'): string {
  return JSON.stringify(messageBody(protocol, message), null, 2);
}

/** Why a body cannot be sent, or undefined when it is a JSON object. */
function bodyProblem(body: string): string | undefined {
  if (!body.trim()) return 'Write a JSON body.';
  try {
    const parsed = JSON.parse(body) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      return 'The body must be a JSON object.';
    return undefined;
  } catch (err) {
    return `Not valid JSON: ${(err as Error).message}`;
  }
}

/**
 * What the form would send: the JSON typed in raw mode, otherwise the message in the shape the
 * protocol's sample agents read; and why it cannot be sent yet, if so.
 */
export function draftRequest(
  protocol: PlaygroundProtocol,
  mode: BodyMode,
  message: string,
  json: string,
): { raw: boolean; body: string; problem: string | undefined } {
  const raw = protocol === 'invocations' && mode === 'json';
  return {
    raw,
    body: raw ? json : JSON.stringify(messageBody(protocol, message)),
    problem: raw ? bodyProblem(json) : message.trim() ? undefined : 'Write a message.',
  };
}

/** JSON replies pretty-printed; streams and text as they came. */
export function prettyReply(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A streamed reply is 200 from its first byte; a failure later in it comes as an `error` event. */
export function hasStreamedError(text: string | undefined): boolean {
  return Boolean(text && /^event: error$/m.test(text));
}
