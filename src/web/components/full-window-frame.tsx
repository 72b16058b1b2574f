import { ChevronLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * A page without the site header: a slim bar with the way back, then the content filling the rest.
 * Shared code builds no URLs and knows no app chrome, so the caller passes the home link and the bar's actions.
 */
export function FullWindowFrame({
  title,
  homeHref,
  back,
  heading,
  actions,
  children,
}: {
  title: string;
  homeHref: string;
  back: { href: string; label: string };
  heading: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex h-dvh flex-col bg-background">
      <title>{`${title} · Agent Sessions Console`}</title>
      <header className="flex h-12 shrink-0 items-center gap-3 border-b bg-background/90 px-3 sm:px-4">
        <Link
          to={homeHref}
          className="flex shrink-0 items-center rounded-md"
          aria-label="Agent Sessions Console home"
        >
          <img src="/icon.svg" alt="" width={22} height={22} className="size-[22px]" />
        </Link>
        <Link
          to={back.href}
          className="inline-flex h-8 shrink-0 items-center gap-1 rounded-md px-2 text-sm font-medium text-muted-foreground hover:bg-muted hover:text-foreground"
        >
          <ChevronLeft aria-hidden="true" className="size-4" />
          {back.label}
        </Link>
        <h1 className="min-w-0 flex-1 truncate text-sm font-semibold">{heading}</h1>
        {actions}
      </header>
      <main id="main" className="flex min-h-0 flex-1 flex-col p-2 sm:p-3">
        {children}
      </main>
    </div>
  );
}
