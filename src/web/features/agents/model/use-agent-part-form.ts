import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Agent, AgentPatch } from '@contract';
import { ApiError } from '../../../lib/api-client';
import { agentMutations } from '../api/agent-mutations';
import { fieldDomId } from './field-errors';
import { mergePatchFor } from './merge-patch';
import { useServerDraft } from './use-server-draft';

/** The parts of an agent the console edits, each sent whole as one member of a merge patch. */
type AgentPart = 'agent_card' | 'agent_endpoint';

export interface AgentPartFormOptions<K extends AgentPart, D> {
  toDraft: (stored: Agent[K]) => D;
  /** The value to store: the draft, over what the form does not edit in `stored`. */
  fromDraft: (draft: D, stored: Agent[K]) => unknown;
  validate: (draft: D) => { errors: Record<string, string>; blocker?: string };
  /** The form field a server error's `param` names, if any. */
  fieldFor: (param: string | undefined) => string | undefined;
  /** The field whose element takes focus when the server refuses `field`; by default `field` itself. */
  focusFor?: (field: string, draft: D) => string;
  /** Fields whose errors show as people type; the others once they have left them. */
  liveFields?: readonly string[];
}

export const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

/**
 * One editable part of an agent as a form: a draft that follows the server until it is changed, errors
 * shown once a field is left (the server's next to the field it names, and forgotten on the next
 * change), and saving as a merge patch of the whole part, after which the form shows what was stored.
 */
export function useAgentPartForm<K extends AgentPart, D>(
  agent: Agent,
  part: K,
  options: AgentPartFormOptions<K, D>,
) {
  const formId = useId();
  const patch = useMutation(agentMutations.patch());
  const { draft, dirty, update, reset } = useServerDraft(agent[part], options.toDraft);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [saved, setSaved] = useState(false);

  const validation = options.validate(draft);
  const serverField = patch.error instanceof ApiError ? options.fieldFor(patch.error.param) : undefined;
  const domId = (field: string) => fieldDomId(formId, field);
  const errorFor = (field: string): string | undefined => {
    if (serverField === field && patch.error) return patch.error.message;
    const shown = touched.has(field) || options.liveFields?.includes(field);
    return shown ? validation.errors[field] : undefined;
  };
  const touch = (field: string) => setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));

  const change = (fn: (d: D) => D) => {
    update(fn);
    setSaved(false);
    // The server's complaint was about the old values; a stale message next to a fixed field misleads.
    if (patch.error) patch.reset();
  };

  /** Saves the draft when it is changed and valid; `onSaved` runs once the server has stored it. */
  const submit = (onSaved?: () => void) => {
    if (validation.blocker || !dirty) return;
    const stored = agent[part];
    const body = { [part]: mergePatchFor(stored ?? {}, options.fromDraft(draft, stored)) } as AgentPatch;
    patch.mutate(
      { agentName: agent.name, patch: body },
      {
        onSuccess: (next) => {
          reset(next[part]);
          setTouched(new Set());
          setSaved(true);
          onSaved?.();
        },
        onError: (error) => {
          const field = error instanceof ApiError ? options.fieldFor(error.param) : undefined;
          if (field) focusLater(domId(options.focusFor?.(field, draft) ?? field));
        },
      },
    );
  };

  /** Back to what the server has, with no errors shown. */
  const discard = () => {
    reset(agent[part]);
    setTouched(new Set());
    patch.reset();
  };

  return {
    formId,
    domId,
    draft,
    update,
    change,
    touch,
    errorFor,
    validation,
    submit,
    discard,
    /** What FormFooter shows, but for the label and discard. */
    footer: {
      dirty,
      blocker: validation.blocker,
      pending: patch.isPending,
      saved,
      error: patch.error,
      errorOnField: serverField !== undefined,
    },
  };
}
