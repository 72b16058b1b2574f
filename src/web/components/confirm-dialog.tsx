import { TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { useActiveConnection } from '../lib/connections';
import { Button } from './ui/button';
import { Modal } from './ui/modal';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Destructive actions get the red button. */
  destructive?: boolean;
  pending?: boolean;
  /** Shown inside the dialog, so a failure does not close it and lose the context. */
  error?: ReactNode;
  /**
   * Warn when the console is on a production connection (the default). Off for actions that change
   * nothing in a project, such as removing a connection from this console.
   */
  productionWarning?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * A modal confirmation on the native <dialog>: focus moves in and back, Escape cancels, the page
 * behind is inert. The cancel button gets focus first so Enter never destroys by accident.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, children, confirmLabel, destructive, pending, error, onConfirm, onClose } = props;
  return (
    <Modal open={open} title={title} onClose={onClose}>
      {props.productionWarning === false ? null : <ProductionWarning />}
      <div className="space-y-3 text-sm text-foreground/90">{children}</div>
      {error ? <div className="mt-4">{error}</div> : null}
      <div className="mt-6 flex justify-end gap-2">
        {/* The safe choice takes focus when the dialog opens, so Enter never destroys by accident. */}
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- <dialog> reads autofocus to place initial focus */}
        <Button variant="secondary" onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant={destructive ? 'destructive' : 'primary'} onClick={onConfirm} disabled={pending}>
          {pending ? 'Working…' : confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}

/**
 * Says, inside a confirmation, that the console is on a production connection, so nobody stops or
 * deletes something of a live project thinking they are on a test one. Renders nothing otherwise.
 * Dialogs built on Modal rather than ConfirmDialog can place it themselves.
 */
function ProductionWarning() {
  const active = useActiveConnection();
  if (!active.production) return null;
  return (
    <div
      role="note"
      className="mb-4 flex gap-2.5 rounded-md border-2 border-destructive bg-destructive/10 px-3 py-2.5 text-sm"
    >
      <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
      <p className="text-foreground">
        <strong className="font-semibold">Production.</strong> You are on{' '}
        <span className="font-mono font-semibold">{active.name}</span>, a connection marked as production:
        this acts on a live project.
      </p>
    </div>
  );
}
