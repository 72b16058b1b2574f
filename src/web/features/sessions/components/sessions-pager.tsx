import { ChevronLeft, ChevronRight } from 'lucide-react';
import { Link } from 'react-router';
import type { AgentSession, List } from '@contract';
import { Button, buttonVariants } from '../../../components/ui/button';
import { neighbourPages, pageSearch, type ListSearch } from '../model/list-search';

/** How many sessions this page holds (and the filter shows), and the way to the pages either side. */
export function SessionsPager({
  view,
  page,
  shownCount,
}: {
  view: ListSearch;
  page: List<AgentSession>;
  shownCount: number;
}) {
  const { params } = view;
  const { previous, next } = neighbourPages(view, page);
  const filtered = shownCount !== page.data.length;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-muted-foreground">
        {filtered
          ? `${shownCount} of ${page.data.length} sessions on this page match the filter`
          : `${page.data.length} ${page.data.length === 1 ? 'session' : 'sessions'} on this page`}
        {params.after || params.before ? (
          <>
            {' · '}
            <Link
              to={pageSearch(view, {})}
              className="font-medium text-primary underline-offset-2 hover:underline"
            >
              First page
            </Link>
          </>
        ) : null}
      </p>
      <div className="flex gap-2">
        <PageLink label="Previous" to={previous} icon="left" />
        <PageLink label="Next" to={next} icon="right" />
      </div>
    </nav>
  );
}

/** Back to the first page of the same view, for a page that turned out empty or failed. */
export function FirstPageLink({ view, small }: { view: ListSearch; small?: boolean }) {
  return (
    <Link
      to={pageSearch(view, {})}
      className={
        small
          ? buttonVariants({ variant: 'ghost', size: 'sm' })
          : buttonVariants({ variant: 'secondary', className: 'mt-5' })
      }
    >
      Go to the first page
    </Link>
  );
}

function PageLink({ label, to, icon }: { label: string; to: string | undefined; icon: 'left' | 'right' }) {
  const content = (
    <>
      {icon === 'left' ? <ChevronLeft aria-hidden="true" /> : null}
      {label}
      {icon === 'right' ? <ChevronRight aria-hidden="true" /> : null}
    </>
  );
  const className = buttonVariants({ variant: 'secondary', size: 'sm' });
  if (!to) {
    return (
      <Button variant="secondary" size="sm" disabled>
        {content}
      </Button>
    );
  }
  return (
    <Link to={to} className={className}>
      {content}
    </Link>
  );
}
