import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
}

/** The page's one h1, and the document title to match. */
export function PageHeader({ title, description }: PageHeaderProps) {
  return (
    <div className="mb-8">
      <title>{`${title} · Agent Sessions Console`}</title>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {description ? <p className="mt-2 max-w-prose text-muted-foreground">{description}</p> : null}
    </div>
  );
}
