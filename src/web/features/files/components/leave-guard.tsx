import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Modal } from '../../../components/ui/modal';

/**
 * While uploads run, leaving the page asks first: the browser's own prompt for a reload, a closed tab
 * or a typed address (beforeunload), and this dialog for a link inside the console. Moving between
 * folders of the same session is not leaving: the uploads carry on.
 */
export function LeaveGuard({ busy, onLeave }: { busy: boolean; onLeave: () => void }) {
  useEffect(() => {
    if (!busy) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [busy]);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => busy && currentLocation.pathname !== nextLocation.pathname,
  );
  const blocked = blocker.state === 'blocked';

  return (
    <Modal open={blocked} title="Leave while files are uploading?" onClose={() => blocker.reset?.()}>
      <p className="text-sm text-foreground/90">
        Uploads still running or waiting are cancelled if you leave this page. Files already uploaded stay; a
        file cut off halfway is not kept.
      </p>
      <div className="mt-6 flex justify-end gap-2">
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- <dialog> reads autofocus; staying is the safe choice */}
        <Button variant="secondary" onClick={() => blocker.reset?.()} autoFocus>
          Stay
        </Button>
        <Button
          variant="destructive"
          onClick={() => {
            onLeave();
            blocker.proceed?.();
          }}
        >
          Leave and cancel uploads
        </Button>
      </div>
    </Modal>
  );
}
