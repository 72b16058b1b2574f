import { ArrowRight, Search } from 'lucide-react';
import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Modal } from '../../../components/ui/modal';
import { controlClass } from '../../../components/ui/input';
import { Kbd } from '../../../components/ui/kbd';
import { paths, routePatterns } from '../../../app/paths';
import { cn } from '../../../lib/cn';
import { isModalOpen, isTypingTarget, useHotkey } from '../../../lib/hooks/use-hotkey';
import { parseSessionLink } from '../../../lib/session-link';

const HINT = 'agent/session-id, “agent session-id”, or a session’s link.';

/**
 * Opens any session from the header: one field taking `agent/id`, `agent id`, a bare id while an agent
 * is in view, or a pasted console link. Wide screens get the field inline, narrow ones a button that
 * opens it in a dialog.
 */
export function OpenSessionBox() {
  const inline = useRef<HTMLInputElement>(null);
  const [dialogOpen, setDialogOpen] = useState(false);

  // Typing `/` anywhere but in a field jumps here, as in most consoles and code hosts.
  useHotkey((e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (isTypingTarget(e.target) || isModalOpen()) return;
    e.preventDefault();
    const field = inline.current;
    // Hidden (display: none) on narrow screens, where the dialog takes its place.
    if (field && field.offsetParent !== null) field.focus();
    else setDialogOpen(true);
  });

  return (
    <>
      <OpenSessionForm inputRef={inline} className="hidden sm:block" />
      <Button
        variant="ghost"
        size="icon"
        className="size-7 sm:hidden"
        aria-label="Open a session"
        title="Open a session (/)"
        onClick={() => setDialogOpen(true)}
      >
        <Search aria-hidden="true" />
      </Button>
      <Modal open={dialogOpen} title="Open a session" onClose={() => setDialogOpen(false)}>
        <OpenSessionForm variant="dialog" onDone={() => setDialogOpen(false)} />
      </Modal>
    </>
  );
}

function OpenSessionForm({
  variant = 'inline',
  inputRef,
  className,
  onDone,
}: {
  variant?: 'inline' | 'dialog';
  inputRef?: RefObject<HTMLInputElement | null>;
  className?: string;
  onDone?: () => void;
}) {
  const navigate = useNavigate();
  const { agentName } = useParams();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string>();
  const ids = { input: useId(), hint: useId(), problem: useId() };
  const inDialog = variant === 'dialog';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const link = parseSessionLink(value, routePatterns, agentName);
    if ('problem' in link) {
      setProblem(link.problem);
      return;
    }
    setProblem(undefined);
    setValue('');
    onDone?.();
    void navigate(link.href ?? paths.session.getHref(link.agent, link.sessionId));
  };

  return (
    <form
      role="search"
      aria-label="Open a session"
      onSubmit={submit}
      noValidate
      className={cn('relative', inDialog ? 'space-y-3' : 'w-44 md:w-60 lg:w-72', className)}
    >
      <label htmlFor={ids.input} className={inDialog ? 'block text-sm font-medium' : 'sr-only'}>
        Open session
      </label>
      <div className="relative flex items-center">
        <Search
          aria-hidden="true"
          className="pointer-events-none absolute left-2.5 size-4 text-muted-foreground"
        />
        <input
          ref={inputRef}
          id={ids.input}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setProblem(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !inDialog) {
              setProblem(undefined);
              e.currentTarget.blur();
            }
          }}
          placeholder={inDialog ? 'notes-agent/ses_abc123' : 'Open session…'}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="go"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${ids.problem} ${ids.hint}` : ids.hint}
          className={cn(
            controlClass,
            'h-9 pr-9 pl-8 font-mono text-[13px] placeholder:font-sans',
            !inDialog && 'h-8 bg-muted/60',
          )}
        />
        {inDialog ? null : (
          <Kbd variant="hint" aria-hidden="true" className="pointer-events-none absolute right-2">
            /
          </Kbd>
        )}
      </div>
      <p id={ids.hint} className={inDialog ? 'text-xs text-muted-foreground' : 'sr-only'}>
        {HINT}
        {inDialog ? '' : ' Press / to get here.'}
      </p>
      {problem ? (
        <p
          id={ids.problem}
          role="alert"
          className={cn(
            'text-xs font-medium text-destructive',
            !inDialog &&
              'absolute top-full right-0 left-0 z-50 mt-1.5 rounded-md border border-destructive/40 bg-surface px-3 py-2 shadow-lg',
          )}
        >
          {problem}
        </p>
      ) : null}
      {inDialog ? (
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit">
            Open
            <ArrowRight aria-hidden="true" />
          </Button>
        </div>
      ) : null}
    </form>
  );
}
