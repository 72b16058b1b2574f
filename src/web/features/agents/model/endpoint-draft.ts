import { PROTOCOL_NAMES, type AgentEndpoint, type VersionSelectionRule } from '@contract';
import type { FieldErrors } from './field-errors';

type AuthorizationScheme = NonNullable<AgentEndpoint['authorization_schemes']>[number];
type ProtocolConfiguration = NonNullable<AgentEndpoint['protocol_configuration']>;

let nextKey = 0;
/** A stable React key for a row, so editing one row never moves focus to another. */
export const rowKey = () => `row-${++nextKey}`;

export interface RuleDraft {
  key: string;
  version: string;
  /** As typed, so "" and "1e" stay on screen while the person is still typing. */
  traffic: string;
}

export interface SchemeDraft {
  key: string;
  type: string;
  /** Members of the scheme other than `type`, kept as they were. */
  rest: Record<string, unknown>;
}

export interface EndpointDraft {
  rules: RuleDraft[];
  /** Every protocol shown, on or off; includes protocols the console does not know, so none is dropped. */
  protocols: Record<string, boolean>;
  schemes: SchemeDraft[];
}

export function endpointToDraft(endpoint: AgentEndpoint | undefined): EndpointDraft {
  const config = endpoint?.protocol_configuration ?? {};
  const protocols: Record<string, boolean> = {};
  for (const name of PROTOCOL_NAMES) protocols[name] = name in config;
  for (const name of Object.keys(config)) protocols[name] = true;
  return {
    rules: (endpoint?.version_selector?.version_selection_rules ?? []).map((r) => ({
      key: rowKey(),
      version: r.agent_version,
      traffic: String(r.traffic_percentage),
    })),
    protocols,
    schemes: (endpoint?.authorization_schemes ?? []).map(({ type, ...rest }) => ({
      key: rowKey(),
      type,
      rest,
    })),
  };
}

/** A whole number 0..100, or undefined while what is typed is not one. */
export function parseTraffic(text: string): number | undefined {
  if (!/^\s*\d{1,3}\s*$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 0 && n <= 100 ? n : undefined;
}

export function trafficTotal(rules: readonly RuleDraft[]): number {
  return rules.reduce((sum, r) => sum + (parseTraffic(r.traffic) ?? 0), 0);
}

/**
 * The endpoint the draft describes. Settings of protocols that stay on are kept as the server had them,
 * and members the form does not edit pass through untouched.
 */
export function draftToEndpoint(draft: EndpointDraft, original: AgentEndpoint | undefined): AgentEndpoint {
  const next: AgentEndpoint = { ...original };
  if (draft.rules.length > 0) {
    next.version_selector = {
      ...original?.version_selector,
      version_selection_rules: draft.rules.map((r): VersionSelectionRule => ({
        type: 'FixedRatio',
        agent_version: r.version,
        traffic_percentage: parseTraffic(r.traffic) ?? 0,
      })),
    };
  } else {
    // No rules: the latest version takes every new session.
    delete next.version_selector;
  }
  // Extra protocol keys are allowed by the contract (additionalProperties), so index it as a record.
  const before: Record<string, object> = original?.protocol_configuration ?? {};
  const on: Record<string, object> = {};
  for (const [name, enabled] of Object.entries(draft.protocols)) if (enabled) on[name] = before[name] ?? {};
  const protocols: ProtocolConfiguration = on;
  if (Object.keys(protocols).length > 0 || original?.protocol_configuration)
    next.protocol_configuration = protocols;
  else delete next.protocol_configuration;
  const schemes: AuthorizationScheme[] = draft.schemes.map((s) => ({ ...s.rest, type: s.type.trim() }));
  if (schemes.length > 0 || original?.authorization_schemes) next.authorization_schemes = schemes;
  else delete next.authorization_schemes;
  return next;
}

export interface EndpointValidation {
  errors: FieldErrors;
  /** Why Save is off, in one sentence; undefined when the draft can be saved. */
  blocker?: string;
}

/** Checked as the person types, so Save says why it is off before anything is sent. */
export function validateEndpointDraft(draft: EndpointDraft): EndpointValidation {
  const errors: FieldErrors = {};
  draft.rules.forEach((r, i) => {
    if (!r.version) errors[`rules.${i}.version`] = 'Choose a version.';
    if (parseTraffic(r.traffic) === undefined) errors[`rules.${i}.traffic`] = 'A whole number from 0 to 100.';
  });
  const total = trafficTotal(draft.rules);
  if (draft.rules.length > 0 && total !== 100) errors.rules = `Percentages must add up to 100, now ${total}.`;
  draft.schemes.forEach((s, i) => {
    if (!s.type.trim()) errors[`schemes.${i}.type`] = 'Enter a scheme type, e.g. Entra.';
  });
  const first = Object.keys(errors)[0];
  const blocker =
    errors.rules ??
    (first?.startsWith('rules.')
      ? 'Every rule needs a version and a whole-number percentage.'
      : first
        ? 'Every authorization scheme needs a type.'
        : undefined);
  return { errors, ...(blocker && { blocker }) };
}
