import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { afterEach } from 'vitest';

// Components as the console renders them, under jsdom, against the web tests' real host.

const clients: QueryClient[] = [];
afterEach(() => {
  cleanup();
  // Stops the polling of whatever was on screen, so nothing of a test outlives it.
  for (const client of clients.splice(0)) client.clear();
});

// jsdom has <dialog> but not its modal methods; these do what the console relies on (open, close, the
// close event), and nothing a person would see differently.
if (typeof HTMLDialogElement !== 'undefined' && !('showModal' in HTMLDialogElement.prototype)) {
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.open = true;
    },
    close(this: HTMLDialogElement) {
      if (!this.open) return;
      this.open = false;
      this.dispatchEvent(new Event('close'));
    },
  });
}

/**
 * Renders `routes` in a memory router at `path`, with a fresh QueryClient that does not retry (a
 * failure shows at once, as the test expects it). Returns the router, to read where a link went.
 */
export function renderRoutes(routes: RouteObject[], path: string) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  clients.push(queryClient);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, router, user, queryClient };
}
