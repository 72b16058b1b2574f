import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { SiteHeader } from './site-header';

function AppShell({ children }: { children?: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:bg-primary focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-primary-foreground focus:shadow-md"
      >
        Skip to main content
      </a>
      <SiteHeader />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none sm:px-6 sm:py-10"
      >
        {children}
      </main>
    </div>
  );
}

export function RootLayout() {
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  );
}

/** Shown while the first route's code loads, so the header paints at once instead of a blank page. */
export function LayoutFallback() {
  return <AppShell />;
}

/** Shown while a full-window page's code loads: that page has no site header to paint meanwhile. */
export function FullWindowFallback() {
  return (
    <div role="status" className="flex min-h-dvh items-center justify-center text-sm text-muted-foreground">
      Loading…
    </div>
  );
}
