import { Send, Square } from 'lucide-react';
import { useId, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Checkbox, Input, Select, Textarea } from '../../../components/ui/input';
import type { PlaygroundProtocol } from '../api/send-request';
import { draftRequest, exampleBody, type BodyMode } from '../model/request-draft';

interface RequestFormProps {
  /** The protocols the agent's endpoint serves; the form offers only these. */
  protocols: PlaygroundProtocol[];
  /** A request is on its way: another cannot be sent, this one can be cancelled. */
  running: boolean;
  onSend: (body: string, protocol: PlaygroundProtocol, stream: boolean) => void;
  onCancel: () => void;
}

/** What to send: protocol, a message or (for invocations) a raw JSON body, and whether to ask for a stream. */
export function RequestForm({ protocols, running, onSend, onCancel }: RequestFormProps) {
  const [protocol, setProtocol] = useState<PlaygroundProtocol>(protocols[0] ?? 'invocations');
  const [mode, setMode] = useState<BodyMode>('message');
  const [message, setMessage] = useState('');
  const [json, setJson] = useState(() => exampleBody(protocols[0] ?? 'invocations'));
  const [stream, setStream] = useState(true);
  const formId = useId();
  const { raw, body, problem } = draftRequest(protocol, mode, message, json);

  return (
    <form
      id={formId}
      aria-label="Send a request"
      className="flex flex-col gap-3 rounded-lg border bg-surface p-4 shadow-xs"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem) onSend(body, protocol, stream);
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1.5 text-sm font-medium">
          Protocol
          <Select
            value={protocol}
            onChange={(e) => {
              const next = e.target.value as PlaygroundProtocol;
              setProtocol(next);
              if (next === 'responses') setMode('message');
            }}
            className="w-44"
          >
            {protocols.map((p) => (
              <option key={p} value={p}>
                {p === 'responses' ? 'Responses' : 'Invocations'}
              </option>
            ))}
          </Select>
        </label>
        {protocol === 'invocations' ? (
          <fieldset className="flex items-center gap-3 text-sm">
            <legend className="sr-only">Body</legend>
            <label className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${formId}-mode`}
                checked={mode === 'message'}
                onChange={() => setMode('message')}
                className="accent-primary"
              />
              Plain message
            </label>
            <label className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${formId}-mode`}
                checked={mode === 'json'}
                onChange={() => setMode('json')}
                className="accent-primary"
              />
              Raw JSON
            </label>
          </fieldset>
        ) : null}
        <div className="flex items-center gap-2 text-sm">
          <Checkbox id={`${formId}-stream`} checked={stream} onChange={(e) => setStream(e.target.checked)} />
          <label htmlFor={`${formId}-stream`}>Ask for a streamed reply</label>
        </div>
      </div>
      {raw ? (
        <div className="flex flex-col gap-1.5 text-sm font-medium">
          <label htmlFor={`${formId}-body`}>JSON body</label>
          <Textarea
            id={`${formId}-body`}
            value={json}
            onChange={(e) => setJson(e.target.value)}
            spellCheck={false}
            aria-invalid={problem ? true : undefined}
            className="min-h-32 font-mono text-xs"
          />
        </div>
      ) : (
        <div className="flex flex-col gap-1.5 text-sm font-medium">
          <label htmlFor={`${formId}-message`}>Message</label>
          <Input
            id={`${formId}-message`}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            placeholder={
              protocol === 'invocations' ? 'e.g. quarterly report' : 'e.g. Remember the demo is on Friday'
            }
          />
        </div>
      )}
      {problem && (raw || message) ? (
        <p role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={Boolean(problem) || running}>
          <Send aria-hidden="true" />
          Send
        </Button>
        {running ? (
          <Button variant="secondary" onClick={onCancel}>
            <Square aria-hidden="true" />
            Cancel
          </Button>
        ) : null}
        {problem && !raw && !message ? (
          <span className="text-sm text-muted-foreground">{problem}</span>
        ) : null}
      </div>
    </form>
  );
}
