import {
  CONNECTION_NAME_PATTERN,
  FEATURES_PATTERN,
  FOUNDRY_ENDPOINT_FORM,
  FOUNDRY_ENDPOINT_PATTERN,
  LOCAL_CONNECTION,
  LOCAL_ENDPOINT_PATTERN,
  type ConnectionColour,
  type ConnectionCreate,
} from '@contract';

/** What the "Add connection" form holds while it is typed. */
export interface ConnectionDraft {
  name: string;
  endpoint: string;
  /** Empty for none. */
  colour: ConnectionColour | '';
  production: boolean;
  features: string;
}

export const EMPTY_DRAFT: ConnectionDraft = {
  name: '',
  endpoint: '',
  colour: '',
  production: false,
  features: '',
};

export type DraftField = 'name' | 'endpoint' | 'features';
export type DraftErrors = Partial<Record<DraftField, string>>;

const NAME = new RegExp(CONNECTION_NAME_PATTERN);
// The server takes the account and host in any case and stores them lowercase; so does this check.
const FOUNDRY = new RegExp(FOUNDRY_ENDPOINT_PATTERN, 'i');
const FEATURES = new RegExp(FEATURES_PATTERN);
/** A Foundry stand-in on this machine, which the server accepts only when started to allow it. */
const LOCAL_HTTPS = new RegExp(LOCAL_ENDPOINT_PATTERN, 'i');

export const ENDPOINT_FORM = FOUNDRY_ENDPOINT_FORM;

export function validateName(value: string, taken: readonly string[] = []): string | undefined {
  if (!value) return 'Enter a name, e.g. prod or support-eu.';
  if (value.length > 40) return `At most 40 characters, ${value.length} so far.`;
  if (/[A-Z]/.test(value)) return 'Lowercase only: the name becomes part of a URL.';
  if (!NAME.test(value)) {
    return /^-/.test(value)
      ? 'Start with a letter or a digit.'
      : 'Lowercase letters, digits and dashes only, e.g. prod or support-eu.';
  }
  if (value === LOCAL_CONNECTION) return 'local is the built-in local host; pick another name.';
  if (taken.includes(value)) return `There is already a connection named ${value}.`;
  return undefined;
}

/** The endpoint as it will be sent: trimmed, without the trailing slash a copied URL often has. */
export function normalizeEndpoint(value: string): string {
  return value.trim().replace(/\/+$/, '');
}

export function validateEndpoint(value: string): string | undefined {
  const v = normalizeEndpoint(value);
  if (!v)
    return `Enter the project endpoint from the project's overview in the Foundry portal: ${ENDPOINT_FORM}.`;
  if (FOUNDRY.test(v) || LOCAL_HTTPS.test(v)) return undefined;
  if (/\s/.test(v)) return 'The endpoint cannot contain spaces.';
  if (/^http:\/\//i.test(v)) return `A Foundry project endpoint uses https: ${ENDPOINT_FORM}.`;
  if (/^https:\/\/ai\.azure\.com\//i.test(v)) {
    return `That is a Foundry portal page, not a project endpoint. Copy the endpoint from the project's overview: ${ENDPOINT_FORM}.`;
  }
  if (/[?#]/.test(v)) return `Leave out the query and fragment: ${ENDPOINT_FORM}.`;
  if (/^https:\/\/[^/]+\.services\.ai\.azure\.com\/?$/i.test(v)) {
    return `Add the project: ${ENDPOINT_FORM}.`;
  }
  if (/\.openai\.azure\.com|\.cognitiveservices\.azure\.com/i.test(v)) {
    return `That is a resource endpoint, not a project endpoint. Expected ${ENDPOINT_FORM}.`;
  }
  return `Not a Foundry project endpoint. Expected ${ENDPOINT_FORM}.`;
}

export function validateFeatures(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (v.length > 256) return `At most 256 characters, ${v.length} so far.`;
  if (!FEATURES.test(v)) {
    return 'A Foundry-Features value such as HostedAgents=V1Preview: letters, digits, spaces and = , ; : . _ -';
  }
  return undefined;
}

export function validateDraft(draft: ConnectionDraft, taken: readonly string[] = []): DraftErrors {
  const errors: DraftErrors = {};
  const name = validateName(draft.name, taken);
  const endpoint = validateEndpoint(draft.endpoint);
  const features = validateFeatures(draft.features);
  if (name) errors.name = name;
  if (endpoint) errors.endpoint = endpoint;
  if (features) errors.features = features;
  return errors;
}

/** The request body for a valid draft; `force` adds it even when the test call fails. */
export function toCreateBody(draft: ConnectionDraft, force = false): ConnectionCreate {
  const features = draft.features.trim();
  return {
    name: draft.name,
    endpoint: normalizeEndpoint(draft.endpoint),
    ...(draft.colour !== '' ? { colour: draft.colour } : {}),
    ...(draft.production ? { production: true } : {}),
    ...(features !== '' ? { features } : {}),
    ...(force ? { force: true } : {}),
  };
}

/** The field a server error names (`param`), when it is one of the form's. */
export function draftField(param: string | undefined): DraftField | undefined {
  return param === 'name' || param === 'endpoint' || param === 'features' ? param : undefined;
}

export function validateApiVersion(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter an api-version, e.g. v1.';
  if (!/^[A-Za-z0-9._-]+$/.test(v)) return 'Letters, digits, dots, dashes and underscores only, e.g. v1.';
  return undefined;
}

export function validateIsolationKey(value: string): string | undefined {
  // It travels as an HTTP header value, and the browser refuses to send anything else.
  if (!/^[\x20-\x7E]*$/.test(value)) return 'Printable ASCII characters only: it is sent as a header.';
  if (value !== value.trim()) return 'Remove the spaces at the start or end.';
  return undefined;
}
