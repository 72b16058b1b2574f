import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, SIGN_IN_PATH, SignInBody } from '@contract';
import type { Access } from './access';
import { HttpError } from './errors';

/**
 * Signing a browser in with the server's `--token`, and out: the console's pages then reach the API,
 * the gateway, downloads and previews with the cookie this sets. Without a token there is nothing to
 * sign in to, and both answer 204.
 */
export function signInRoutes(access: Access): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      SIGN_IN_PATH,
      { schema: { body: SignInBody, response: { 204: Type.Null(), 401: ErrorBody, 429: ErrorBody } } },
      async (request, reply) => {
        if (!access.required) return reply.status(204).send(null);
        const result = access.signIn(request.body.token, request.ip);
        if (result.ok) return reply.status(204).header('set-cookie', result.setCookie).send(null);
        if (result.reason === 'throttled') {
          reply.header('retry-after', String(result.retryAfterSeconds));
          throw new HttpError(
            429,
            'too_many_requests',
            `Too many wrong tokens from this address; try again in ${result.retryAfterSeconds} s.`,
          );
        }
        throw new HttpError(401, 'unauthorized', 'That is not the token this server was started with.');
      },
    );
    app.delete(SIGN_IN_PATH, { schema: { response: { 204: Type.Null() } } }, async (request, reply) =>
      reply.status(204).header('set-cookie', access.signOut(request.headers)).send(null),
    );
  };
}
