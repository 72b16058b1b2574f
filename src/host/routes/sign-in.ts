import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, SIGN_IN_PATH, SignInBody } from '../../contract';
import { accessCookie, sameText } from '../access';
import { HttpError } from '../errors';

/**
 * Signing a browser in with the server's `--token`, and out: the console's pages then reach the API,
 * the gateway, downloads and previews with the cookie this sets. Without a token there is nothing to
 * sign in to, and both answer 204.
 */
export function signInRoutes(token: string | undefined): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      SIGN_IN_PATH,
      { schema: { body: SignInBody, response: { 204: Type.Null(), 401: ErrorBody } } },
      async (request, reply) => {
        if (token === undefined) return reply.status(204).send(null);
        if (!sameText(request.body.token, token)) {
          throw new HttpError(401, 'unauthorized', 'That is not the token this server was started with.');
        }
        return reply.status(204).header('set-cookie', accessCookie(token)).send(null);
      },
    );
    app.delete(SIGN_IN_PATH, { schema: { response: { 204: Type.Null() } } }, async (_request, reply) =>
      reply.status(204).header('set-cookie', accessCookie(undefined)).send(null),
    );
  };
}
