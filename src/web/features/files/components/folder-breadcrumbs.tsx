import { ChevronRight, House } from 'lucide-react';
import { Link } from 'react-router';
import { foldersDownTo } from '../model/file-paths';

/** Home › notes › sub, each a link; the last one is where you are. */
export function FolderBreadcrumbs({
  folder,
  hrefFor,
}: {
  folder: string;
  hrefFor: (folder: string) => string;
}) {
  const steps = [{ name: 'Home', path: '' }, ...foldersDownTo(folder)];
  return (
    <nav aria-label="Folder">
      <ol className="flex flex-wrap items-center gap-1 text-sm">
        {steps.map((step, i) => {
          const last = i === steps.length - 1;
          const label = (
            <>
              {i === 0 ? <House aria-hidden="true" className="size-4" /> : null}
              <span className="max-w-[16rem] truncate">{step.name}</span>
            </>
          );
          return (
            <li key={step.path} className="flex min-w-0 items-center gap-1">
              {i > 0 ? (
                <ChevronRight aria-hidden="true" className="size-3.5 shrink-0 text-muted-foreground" />
              ) : null}
              {last ? (
                <span
                  aria-current="location"
                  className="flex items-center gap-1.5 rounded px-1.5 py-0.5 font-medium"
                >
                  {label}
                </span>
              ) : (
                <Link
                  to={hrefFor(step.path)}
                  className="flex items-center gap-1.5 rounded px-1.5 py-0.5 text-muted-foreground hover:bg-muted hover:text-foreground"
                >
                  {label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
