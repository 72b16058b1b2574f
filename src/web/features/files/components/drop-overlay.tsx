import { CloudUpload } from 'lucide-react';

/** Over the whole Files region while something is dragged over it: where a drop would land. */
export function DropOverlay({ folder }: { folder: string }) {
  return (
    <div
      aria-hidden="true"
      className="pointer-events-none absolute inset-0 z-20 flex items-center justify-center rounded-xl border-2 border-dashed border-primary bg-primary/10 backdrop-blur-[2px]"
    >
      <div className="flex flex-col items-center gap-3 rounded-xl bg-surface/95 px-8 py-6 text-center shadow-lg">
        <div className="flex size-14 items-center justify-center rounded-full bg-primary/15 text-primary">
          <CloudUpload className="size-7" />
        </div>
        <p className="text-base font-semibold">Drop to upload</p>
        <p className="max-w-64 text-sm text-muted-foreground">
          into <span className="font-medium break-all text-foreground">{folder || 'Home'}</span>; dropped
          folders keep their structure
        </p>
      </div>
    </div>
  );
}
