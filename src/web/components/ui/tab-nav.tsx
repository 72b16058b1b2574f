import { NavLink } from 'react-router';
import { cn } from '../../lib/cn';

export interface TabLink {
  label: string;
  href: string;
  /** Active only on exactly its own URL, not on the URLs below it. */
  end?: boolean;
}

/**
 * Pages of one thing as tabs of links. The strip scrolls sideways on its own when the tabs do not fit,
 * so a narrow window never scrolls the page; focus is drawn inside each tab so the strip cannot clip it.
 */
export function TabNav({ label, tabs }: { label: string; tabs: readonly TabLink[] }) {
  return (
    <nav aria-label={label} className="border-b">
      <ul className="-mb-px flex gap-1 overflow-x-auto [scrollbar-width:thin]">
        {tabs.map((tab) => (
          <li key={tab.label} className="shrink-0">
            <NavLink
              to={tab.href}
              end={tab.end ?? false}
              className={({ isActive }) =>
                cn(
                  'flex h-10 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap transition-colors focus-visible:-outline-offset-2',
                  isActive
                    ? 'border-primary text-foreground'
                    : 'border-transparent text-muted-foreground hover:border-border hover:text-foreground',
                )
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
