import type { GatewayErrorCode } from '@contract';
import { ApiError } from './api-client';
import { getSettings, isGatewayEndpoint } from './settings';

export interface ErrorDescription {
  /** A title in words a support engineer can act on. */
  title: string;
  /** What to do about it, when the server's own message does not already say. */
  advice?: string;
  /**
   * The trouble lies between the console's server and Foundry (signing in, reaching the project), not
   * in what the page asked for: worth saying even under a page's own title ("Could not load the agents").
   */
  connection: boolean;
}

const SIGN_IN_ADVICE =
  'On the machine that runs the console, sign in with `az login` as someone with access to the project ' +
  '(add `--tenant <tenant id>` when the project is in another tenant), then try again.';

const CONSOLE_SIGN_IN: ErrorDescription = {
  title: 'Sign in to the console’s server',
  advice: 'It was started with --token: enter that token in Settings, under Access.',
  connection: true,
};

const GATEWAY: Record<Exclude<GatewayErrorCode, 'invalid_request' | 'not_found'>, ErrorDescription> = {
  // The server's message already says how to sign in (az login, a service principal, a managed identity).
  gateway_auth_failed: { title: 'Cannot sign in to Azure', connection: true },
  gateway_unreachable: {
    title: 'The Foundry project cannot be reached',
    advice:
      'The console’s server could not connect to the project endpoint. Check the endpoint in Settings and this machine’s network, then try again.',
    connection: true,
  },
  gateway_timeout: {
    title: 'The Foundry project did not answer in time',
    advice: 'Try again in a moment; if it keeps happening, check the project and this machine’s network.',
    connection: true,
  },
  gateway_redirect_refused: {
    title: 'The project endpoint answered with a redirect',
    advice:
      'A project endpoint answers directly; a redirect usually means a wrong endpoint or a sign-in page. Check the endpoint in Settings.',
    connection: true,
  },
  cross_site_request: {
    title: 'Refused: the request came from another site',
    advice: 'The console’s server acts only for its own pages. Open the console at its own address.',
    connection: true,
  },
  console_sign_in_required: CONSOLE_SIGN_IN,
};

/**
 * Any error in words. `endpoint` is where the failed call went (by default the current one): through the
 * gateway, a 401 or 403 is Foundry's answer to this machine's sign-in, which needs other advice than the
 * local host's own token check.
 */
export function describeApiError(error: unknown, endpoint = getSettings().endpoint): ErrorDescription {
  if (!(error instanceof ApiError)) return { title: 'Something went wrong', connection: false };
  // Own keys only: a code such as `constructor` must not find something on Object.prototype.
  if (Object.hasOwn(GATEWAY, error.code)) return GATEWAY[error.code as keyof typeof GATEWAY];
  const foundry = isGatewayEndpoint(endpoint);
  if (error.status === 0) {
    return foundry
      ? {
          title: 'The console’s server cannot be reached',
          advice: 'Calls to Foundry go through the console’s own server. Check that it is still running.',
          connection: true,
        }
      : { title: 'The endpoint cannot be reached', connection: false };
  }
  if (error.status === 401) {
    return foundry
      ? { title: 'Foundry refused the sign-in token', advice: SIGN_IN_ADVICE, connection: true }
      : // The local host is the console's own server: its 401 is the --token check.
        CONSOLE_SIGN_IN;
  }
  if (error.status === 403) {
    // A session owned under another isolation key is refused with 403 too; that is no sign-in matter.
    return foundry && error.code !== 'session_not_accessible'
      ? {
          title: 'No access to this Foundry project',
          advice:
            'The signed-in identity needs a role on the project, such as Azure AI User. Ask an owner of the project for it.',
          connection: true,
        }
      : { title: 'Not allowed', connection: false };
  }
  if (error.status === 404) return { title: 'Not found', connection: false };
  if (error.status === 409) return { title: 'Conflict', connection: false };
  if (error.status === 413) return { title: 'Too large', connection: false };
  if (error.status >= 500) return { title: 'The server failed', connection: false };
  return { title: 'The request was refused', connection: false };
}
