import { useMutation, useQuery } from '@tanstack/react-query';
import { CircleCheck, Info, TriangleAlert } from 'lucide-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { paths } from '../../../app/paths';
import { InlineApiError } from '../../../components/api-error';
import { Button } from '../../../components/ui/button';
import { Modal } from '../../../components/ui/modal';
import { controlClass } from '../../../components/ui/input';
import { agentQueries } from '../../../lib/agent-queries';
import { ApiError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { useOwnerKey } from '../../../lib/hooks/use-owner-key';
import { defaultVersion } from '../model/default-version';
import { sessionMutations } from '../api/session-queries';
import { sessionIdProblem } from '../model/session-id-check';

const FIELD = cn(controlClass, 'h-9');

export function CreateSessionDialog({
  agent,
  open,
  onClose,
}: {
  agent: string;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Modal open={open} title="Create session" onClose={onClose} size="lg">
      {/* Modal mounts its content only while open, so each opening starts from the current settings. */}
      <CreateSessionForm agent={agent} onClose={onClose} />
    </Modal>
  );
}

function CreateSessionForm({ agent, onClose }: { agent: string; onClose: () => void }) {
  const navigate = useNavigate();
  const agentQuery = useQuery(agentQueries.detail(agent));
  const versionsQuery = useQuery(agentQueries.versions(agent));
  const create = useMutation(sessionMutations.create(agent));

  const versions = versionsQuery.data ?? [];
  const suggested = defaultVersion(agentQuery.data, versions);
  // Undefined until the person picks one, so the suggestion can arrive after the dialog opens.
  const [picked, setPicked] = useState<string>();
  const version = picked ?? suggested?.version ?? '';
  const [sessionId, setSessionId] = useState('');
  const settingsKey = useOwnerKey();
  const [ownerKey, setOwnerKey] = useState(settingsKey);
  const idInput = useRef<HTMLInputElement>(null);

  const ids = {
    version: useId(),
    versionHelp: useId(),
    id: useId(),
    idHelp: useId(),
    key: useId(),
    keyHelp: useId(),
  };
  const trimmedId = sessionId.trim();
  const idProblem = trimmedId ? sessionIdProblem(trimmedId) : undefined;
  const serverBlamesId = create.error instanceof ApiError && create.error.param === 'agent_session_id';
  const rules = agentQuery.data?.agent_endpoint?.version_selector?.version_selection_rules ?? [];
  const traffic = (v: string) => rules.find((r) => r.agent_version === v)?.traffic_percentage;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (idProblem) {
      idInput.current?.focus();
      return;
    }
    create.mutate(
      { ...(version && { version }), ...(trimmedId && { sessionId: trimmedId }), ownerKey },
      {
        onSuccess: (session) => {
          onClose();
          void navigate(paths.session.getHref(agent, session.agent_session_id));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-5 text-sm">
      <p className="-mt-2 text-muted-foreground">
        Starts a new session of <span className="font-medium text-foreground">{agent}</span> with its own
        sandbox and agent process.
      </p>

      {agentQuery.data?.state === 'disabled' ? (
        <p className="flex gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-foreground">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-warning" />
          This agent is disabled, so the endpoint will refuse new sessions until it is enabled again.
        </p>
      ) : null}

      <div>
        <label htmlFor={ids.version} className="mb-1.5 block font-medium">
          Version
        </label>
        <select
          id={ids.version}
          value={version}
          onChange={(e) => setPicked(e.target.value)}
          disabled={versionsQuery.isPending || versions.length === 0}
          aria-describedby={ids.versionHelp}
          className={cn(FIELD, 'pr-8')}
        >
          {versionsQuery.isPending ? <option value="">Loading versions…</option> : null}
          {versions.map((v) => {
            const share = traffic(v.version);
            return (
              <option key={v.version} value={v.version}>
                {`Version ${v.version}`}
                {v.description ? ` — ${v.description}` : ''}
                {share !== undefined ? ` (${share}% of traffic)` : ''}
              </option>
            );
          })}
        </select>
        <div id={ids.versionHelp} className="mt-1.5 text-xs text-muted-foreground">
          {versionsQuery.isError ? (
            <div className="space-y-2">
              <InlineApiError error={versionsQuery.error} />
              <Button variant="secondary" size="sm" onClick={() => void versionsQuery.refetch()}>
                Load versions again
              </Button>
            </div>
          ) : suggested ? (
            <p className="flex gap-1.5">
              <Info aria-hidden="true" className="mt-px size-3.5 shrink-0" />
              <span>
                {version === suggested.version
                  ? `Preselected: version ${suggested.version}. ${suggested.reason}`
                  : `The endpoint would pick version ${suggested.version}; this session runs version ${version} because you chose it.`}
              </span>
            </p>
          ) : null}
        </div>
      </div>

      <div>
        <label htmlFor={ids.id} className="mb-1.5 block font-medium">
          Session id <span className="font-normal text-muted-foreground">(optional)</span>
        </label>
        <input
          ref={idInput}
          id={ids.id}
          value={sessionId}
          onChange={(e) => setSessionId(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. support-ticket-4711"
          aria-invalid={Boolean(idProblem) || serverBlamesId || undefined}
          aria-describedby={ids.idHelp}
          className={cn(FIELD, 'font-mono')}
        />
        <p
          id={ids.idHelp}
          aria-live="polite"
          className={cn(
            'mt-1.5 flex gap-1.5 text-xs',
            idProblem ? 'text-destructive' : 'text-muted-foreground',
          )}
        >
          {idProblem ? (
            <>
              <TriangleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
              {idProblem}
            </>
          ) : serverBlamesId ? (
            <>
              <TriangleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0 text-destructive" />
              The server refused this id; its reason is below.
            </>
          ) : trimmedId ? (
            <>
              <CircleCheck aria-hidden="true" className="mt-px size-3.5 shrink-0 text-success" />A valid id.
              It must not be in use by another session of this agent.
            </>
          ) : (
            'Leave empty and the server picks one. 8 to 128 letters, digits, “-” or “_”.'
          )}
        </p>
      </div>

      <div>
        <label htmlFor={ids.key} className="mb-1.5 block font-medium">
          Owner key <span className="font-normal text-muted-foreground">(isolation key)</span>
        </label>
        <input
          id={ids.key}
          value={ownerKey}
          onChange={(e) => setOwnerKey(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={ids.keyHelp}
          className={cn(FIELD, 'font-mono')}
        />
        <p id={ids.keyHelp} className="mt-1.5 text-xs text-muted-foreground">
          Sent as <code className="font-mono">x-session-isolation-key</code>. Stopping or deleting the session
          later needs the same key. Empty: a session without an owner, which anyone can change.
          {ownerKey === settingsKey && ownerKey ? ' Filled in from Settings.' : ''}
        </p>
      </div>

      {create.isError ? <InlineApiError error={create.error} /> : null}

      <div className="flex justify-end gap-2 pt-1">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending || versionsQuery.isPending}>
          {create.isPending ? 'Creating…' : 'Create session'}
        </Button>
      </div>
    </form>
  );
}
