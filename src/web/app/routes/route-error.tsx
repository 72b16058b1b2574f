import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { Button, buttonVariants } from '../../components/ui/button';
import { ErrorPanel } from '../../components/error-panel';
import { errorMessage } from '../../lib/format';
import { paths } from '../paths';
import { NotFoundPage } from './not-found';

/** A failing page: the header stays, so the rest of the console is still one click away. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <ErrorPanel title="This page failed to load" message={message}>
      {/* A reload also fetches code that changed since the page was opened, the usual cause of a failed route. */}
      <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
        Reload page
      </Button>
      <Link to={paths.home.getHref()} className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
        Back to home
      </Link>
    </ErrorPanel>
  );
}

/** The layout itself failed, so nothing around the panel can be trusted to render. */
export function RootErrorBoundary() {
  return (
    <main className="mx-auto max-w-2xl px-4 py-16">
      <RouteErrorBoundary />
    </main>
  );
}
