import type { AccessToken, TokenCredential } from '@azure/identity';

/** The scope Foundry project endpoints take tokens for. */
export const FOUNDRY_SCOPE = 'https://ai.azure.com/.default';

/** A token is renewed this long before it expires, so no call goes out with one about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** A failed renewal still lets a held token serve while it has at least this long left. */
const LAST_RESORT_MS = 30_000;

/** The credential could not give a token. The message is safe to show: it says what to do, and holds no secret. */
export class SignInError extends Error {}

/**
 * One token for one scope, shared by every forwarded call: fetched on first use, renewed when less than
 * five minutes remain (or when the credential says to), with concurrent callers sharing one request.
 */
export class TokenCache {
  private held: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;

  constructor(
    private readonly credential: () => Promise<TokenCredential>,
    private readonly scope = FOUNDRY_SCOPE,
    private readonly now = Date.now,
  ) {}

  async token(): Promise<string> {
    const held = this.held;
    if (held && this.now() < refreshAt(held)) return held.token;
    try {
      return (await this.renew()).token;
    } catch (err) {
      if (held && held.expiresOnTimestamp - this.now() > LAST_RESORT_MS) return held.token;
      throw new SignInError(signInAdvice(this.scope, err));
    }
  }

  private renew(): Promise<AccessToken> {
    this.pending ??= (async () => {
      try {
        const credential = await this.credential();
        const token = await credential.getToken(this.scope);
        if (!token?.token) throw new Error('The credential gave no token.');
        this.held = token;
        return token;
      } finally {
        this.pending = undefined;
      }
    })();
    return this.pending;
  }
}

function refreshAt(token: AccessToken): number {
  return Math.min(token.refreshAfterTimestamp ?? Infinity, token.expiresOnTimestamp - REFRESH_MARGIN_MS);
}

function signInAdvice(scope: string, err: unknown): string {
  const detail = scrub(err instanceof Error ? err.message : String(err));
  return (
    `This machine could not get a Microsoft Entra token for ${scope}. Sign in with \`az login\` ` +
    '(Azure CLI) as someone with access to the project, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and ' +
    'AZURE_CLIENT_SECRET for a service principal, or run where a managed identity is assigned; then try again.' +
    (detail ? ` Details: ${detail}` : '')
  );
}

/**
 * An identity library's message, short and with anything that looks like a credential taken out: it may
 * quote a token, an assertion or a secret it was handed, and this text reaches browsers and logs.
 */
export function scrub(message: string): string {
  const cleaned = message
    .replace(/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g, '[redacted]')
    .replace(/\b(bearer)\s+\S+/gi, '$1 [redacted]')
    .replace(
      /\b([\w-]*(?:token|secret|password|assertion|key|signature))(["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi,
      '$1$2[redacted]',
    )
    // Long opaque runs are keys and tokens; a link (`//host/path`) is not, and says where to read more.
    .replace(/[A-Za-z0-9+/_=.~-]{32,}/g, (run) => (run.startsWith('//') ? run : '[redacted]'))
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > 600 ? `${cleaned.slice(0, 600)}…` : cleaned;
}
