import { MapPinOff } from 'lucide-react';
import { Link, useLocation } from 'react-router';
import { buttonVariants } from '../../components/ui/button';
import { EmptyState } from '../../components/ui/empty-state';
import { PageHeader } from '../../components/ui/page-header';
import { paths } from '../paths';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState icon={MapPinOff} title="Nothing lives at this address">
        <p>
          There is no page at{' '}
          <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs text-foreground">{pathname}</code>.
          The link may be old or mistyped.
        </p>
        <Link
          to={paths.home.getHref()}
          className={buttonVariants({ variant: 'secondary', className: 'mt-6' })}
        >
          Back to home
        </Link>
      </EmptyState>
    </>
  );
}
