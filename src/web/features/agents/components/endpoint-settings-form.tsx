import { Plus, Trash2 } from 'lucide-react';
import type { FormEvent } from 'react';
import type { Agent, AgentVersion } from '@contract';
import { Button } from '../../../components/ui/button';
import { FieldError } from '../../../components/ui/field';
import { Checkbox, Input, Select } from '../../../components/ui/input';
import { cn } from '../../../lib/cn';
import { protocolLabel } from '../model/agent-display';
import {
  draftToEndpoint,
  endpointToDraft,
  parseTraffic,
  rowKey,
  trafficTotal,
  validateEndpointDraft,
  type EndpointDraft,
} from '../model/endpoint-draft';
import { endpointFieldFor } from '../model/field-errors';
import { focusLater, useAgentPartForm } from '../model/use-agent-part-form';
import { FormFooter } from './form-footer';

const PROTOCOL_HELP: Record<string, string> = {
  responses: 'OpenAI Responses API',
  invocations: 'Plain HTTP invocations',
  invocations_ws: 'Invocations over WebSocket',
  activity: 'Activity protocol (Bot Service)',
  a2a: 'Agent-to-agent',
  mcp: 'Model Context Protocol',
};

// Segments of the traffic bar, in rule order; tokens so both themes keep their contrast.
const SEGMENT_COLOURS = ['bg-primary', 'bg-success', 'bg-warning', 'bg-destructive', 'bg-muted-foreground'];

interface EndpointSettingsFormProps {
  agent: Agent;
  /** Every version, for the rule selects; until they load, the versions the rules name are offered. */
  versions: readonly AgentVersion[] | undefined;
}

/**
 * The agent endpoint: which version new sessions get (by share of traffic), which protocols it serves
 * and how callers authorize. Sent as a merge patch of the whole endpoint; the form then shows what the
 * server stored.
 */
export function EndpointSettingsForm({ agent, versions }: EndpointSettingsFormProps) {
  const form = useAgentPartForm(agent, 'agent_endpoint', {
    toDraft: endpointToDraft,
    fromDraft: draftToEndpoint,
    validate: validateEndpointDraft,
    fieldFor: endpointFieldFor,
    focusFor: (field, draft) =>
      field === 'rules'
        ? 'rules.0.traffic'
        : field === 'protocols'
          ? `protocols.${Object.keys(draft.protocols)[0] ?? ''}`
          : field,
    // The total is checked as people type; single fields once they have left them.
    liveFields: ['rules'],
  });
  const { formId, draft, domId, errorFor, touch, change } = form;

  const versionNames = versions?.map((v) => v.version) ?? [
    agent.versions.latest.version,
    ...draft.rules.map((r) => r.version).filter((v) => v && v !== agent.versions.latest.version),
  ];

  const addRule = () => {
    const used = new Set(draft.rules.map((r) => r.version));
    const version = versionNames.find((v) => !used.has(v)) ?? '';
    const traffic = String(Math.max(0, 100 - trafficTotal(draft.rules)));
    change((d) => ({ ...d, rules: [...d.rules, { key: rowKey(), version, traffic }] }));
    focusLater(domId(`rules.${draft.rules.length}.version`));
  };

  const addScheme = () => {
    change((d) => ({ ...d, schemes: [...d.schemes, { key: rowKey(), type: '', rest: {} }] }));
    focusLater(domId(`schemes.${draft.schemes.length}.type`));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    form.submit();
  };

  const total = trafficTotal(draft.rules);
  const protocolNames = Object.keys(draft.protocols);

  return (
    <form noValidate onSubmit={onSubmit} aria-label="Endpoint settings" className="space-y-8">
      {/* Version selector */}
      <fieldset className="space-y-3" aria-describedby={`${formId}-rules-help`}>
        <legend className="text-sm font-semibold">Version selector</legend>
        <p id={`${formId}-rules-help`} className="-mt-1 text-sm text-muted-foreground">
          New sessions that name no version go to these versions by share of traffic.
          {draft.rules.length === 0 ? ' With no rules, every new session gets the latest version.' : null}
        </p>

        {draft.rules.length > 0 ? (
          <div className="space-y-2">
            <div
              aria-hidden="true"
              className="grid grid-cols-[minmax(0,1fr)_6.5rem_2.25rem] gap-2 text-xs font-medium text-muted-foreground sm:grid-cols-[minmax(0,16rem)_7rem_2.25rem]"
            >
              <span>Version</span>
              <span>Traffic</span>
            </div>
            <ul className="space-y-2">
              {draft.rules.map((rule, i) => {
                const versionError = errorFor(`rules.${i}.version`);
                const trafficError = errorFor(`rules.${i}.traffic`);
                const versionErrId = `${domId(`rules.${i}.version`)}-error`;
                const trafficErrId = `${domId(`rules.${i}.traffic`)}-error`;
                const options =
                  versionNames.includes(rule.version) || !rule.version
                    ? versionNames
                    : [...versionNames, rule.version];
                return (
                  <li key={rule.key} className="space-y-1">
                    <div className="grid grid-cols-[minmax(0,1fr)_6.5rem_2.25rem] items-center gap-2 sm:grid-cols-[minmax(0,16rem)_7rem_2.25rem]">
                      <label htmlFor={domId(`rules.${i}.version`)} className="sr-only">
                        Rule {i + 1} version
                      </label>
                      <Select
                        id={domId(`rules.${i}.version`)}
                        value={rule.version}
                        aria-invalid={versionError ? true : undefined}
                        aria-describedby={versionError ? versionErrId : undefined}
                        onBlur={() => touch(`rules.${i}.version`)}
                        onChange={(e) =>
                          change((d) => ({
                            ...d,
                            rules: d.rules.map((r, j) => (j === i ? { ...r, version: e.target.value } : r)),
                          }))
                        }
                      >
                        {!rule.version ? <option value="">Choose a version</option> : null}
                        {options.map((v) => (
                          <option key={v} value={v}>
                            {v === agent.versions.latest.version ? `${v} (latest)` : v}
                          </option>
                        ))}
                      </Select>
                      <div className="relative">
                        <label htmlFor={domId(`rules.${i}.traffic`)} className="sr-only">
                          Rule {i + 1} traffic percentage
                        </label>
                        <Input
                          id={domId(`rules.${i}.traffic`)}
                          type="number"
                          inputMode="numeric"
                          min={0}
                          max={100}
                          step={1}
                          value={rule.traffic}
                          aria-invalid={trafficError || errorFor('rules') ? true : undefined}
                          aria-describedby={[trafficError && trafficErrId, `${formId}-total`]
                            .filter(Boolean)
                            .join(' ')}
                          onBlur={() => touch(`rules.${i}.traffic`)}
                          onChange={(e) =>
                            change((d) => ({
                              ...d,
                              rules: d.rules.map((r, j) => (j === i ? { ...r, traffic: e.target.value } : r)),
                            }))
                          }
                          className="pr-7 text-right tabular-nums"
                        />
                        <span
                          aria-hidden="true"
                          className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-sm text-muted-foreground"
                        >
                          %
                        </span>
                      </div>
                      <Button
                        variant="ghost"
                        size="icon"
                        aria-label={`Remove rule ${i + 1}`}
                        title="Remove rule"
                        onClick={() => change((d) => ({ ...d, rules: d.rules.filter((_, j) => j !== i) }))}
                        className="text-muted-foreground hover:text-destructive"
                      >
                        <Trash2 aria-hidden="true" />
                      </Button>
                    </div>
                    {versionError ? <FieldError id={versionErrId}>{versionError}</FieldError> : null}
                    {trafficError ? <FieldError id={trafficErrId}>{trafficError}</FieldError> : null}
                  </li>
                );
              })}
            </ul>
            <TrafficBar rules={draft.rules} />
          </div>
        ) : null}

        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="secondary"
            size="sm"
            onClick={addRule}
            disabled={versions !== undefined && draft.rules.length >= versionNames.length}
          >
            <Plus aria-hidden="true" />
            Add rule
          </Button>
          <p id={`${formId}-total`} aria-live="polite" className="text-sm">
            {draft.rules.length === 0 ? null : errorFor('rules') ? (
              <span className="font-medium text-destructive">{errorFor('rules')}</span>
            ) : total === 100 ? (
              <span className="text-muted-foreground">Total 100%</span>
            ) : null}
          </p>
        </div>
      </fieldset>

      {/* Protocols */}
      <fieldset
        className="space-y-3"
        aria-describedby={errorFor('protocols') ? `${formId}-protocols-error` : undefined}
      >
        <legend className="text-sm font-semibold">Protocols</legend>
        <p className="-mt-1 text-sm text-muted-foreground">
          The ways callers can reach the agent’s sessions.
        </p>
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {protocolNames.map((name) => (
            <label
              key={name}
              htmlFor={domId(`protocols.${name}`)}
              className="flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2.5 transition-colors hover:bg-muted/50 has-checked:border-primary/50 has-checked:bg-accent/50"
            >
              <Checkbox
                id={domId(`protocols.${name}`)}
                checked={draft.protocols[name] ?? false}
                onChange={(e) =>
                  change((d) => ({ ...d, protocols: { ...d.protocols, [name]: e.target.checked } }))
                }
                className="mt-0.5"
              />
              <span className="min-w-0">
                <span className="block text-sm font-medium">{protocolLabel(name)}</span>
                <span className="block text-xs text-muted-foreground">
                  <code className="font-mono">{name}</code>
                  {PROTOCOL_HELP[name] ? ` · ${PROTOCOL_HELP[name]}` : null}
                </span>
              </span>
            </label>
          ))}
        </div>
        {errorFor('protocols') ? (
          <FieldError id={`${formId}-protocols-error`}>{errorFor('protocols')}</FieldError>
        ) : null}
      </fieldset>

      {/* Authorization schemes */}
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Authorization schemes</legend>
        <p className="-mt-1 text-sm text-muted-foreground">How callers prove who they are, e.g. Entra.</p>
        {errorFor('schemes') ? <FieldError>{errorFor('schemes')}</FieldError> : null}
        {draft.schemes.length === 0 ? (
          <p className="text-sm text-muted-foreground italic">No schemes.</p>
        ) : (
          <ul className="space-y-2">
            {draft.schemes.map((scheme, i) => {
              const id = domId(`schemes.${i}.type`);
              const error = errorFor(`schemes.${i}.type`);
              return (
                <li key={scheme.key} className="space-y-1">
                  <div className="flex items-center gap-2">
                    <label htmlFor={id} className="sr-only">
                      Scheme {i + 1} type
                    </label>
                    <Input
                      id={id}
                      list={`${formId}-scheme-types`}
                      value={scheme.type}
                      placeholder="Entra"
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                      onBlur={() => touch(`schemes.${i}.type`)}
                      onChange={(e) =>
                        change((d) => ({
                          ...d,
                          schemes: d.schemes.map((s, j) => (j === i ? { ...s, type: e.target.value } : s)),
                        }))
                      }
                      className="max-w-xs"
                    />
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove scheme ${i + 1}`}
                      title="Remove scheme"
                      onClick={() => change((d) => ({ ...d, schemes: d.schemes.filter((_, j) => j !== i) }))}
                      className="text-muted-foreground hover:text-destructive"
                    >
                      <Trash2 aria-hidden="true" />
                    </Button>
                  </div>
                  {error ? <FieldError id={`${id}-error`}>{error}</FieldError> : null}
                </li>
              );
            })}
          </ul>
        )}
        <datalist id={`${formId}-scheme-types`}>
          <option value="Entra" />
        </datalist>
        <Button variant="secondary" size="sm" onClick={addScheme}>
          <Plus aria-hidden="true" />
          Add scheme
        </Button>
      </fieldset>

      <FormFooter saveLabel="Save endpoint settings" {...form.footer} onDiscard={form.discard} />
    </form>
  );
}

/** The split as a bar, so a 20/80 rule reads at a glance; decorative, the numbers above say the same. */
function TrafficBar({ rules }: { rules: EndpointDraft['rules'] }) {
  const total = trafficTotal(rules);
  return (
    <div aria-hidden="true" className="max-w-[25.25rem] pt-1">
      <div className="flex h-2 overflow-hidden rounded-full bg-muted">
        {rules.map((r, i) => {
          const pct = parseTraffic(r.traffic) ?? 0;
          return (
            <div
              key={r.key}
              className={cn('h-full transition-[width]', SEGMENT_COLOURS[i % SEGMENT_COLOURS.length])}
              style={{ width: `${(pct / Math.max(100, total)) * 100}%` }}
            />
          );
        })}
      </div>
      <div className="mt-1.5 flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground">
        {rules.map((r, i) => (
          <span key={r.key} className="inline-flex items-center gap-1.5">
            <span className={cn('size-2 rounded-full', SEGMENT_COLOURS[i % SEGMENT_COLOURS.length])} />
            {r.version ? `v${r.version}` : '—'} {parseTraffic(r.traffic) ?? 0}%
          </span>
        ))}
      </div>
    </div>
  );
}
