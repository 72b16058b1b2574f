import { Bot, ChevronRight, Settings, type LucideIcon } from 'lucide-react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/ui/page-header';
import { paths } from '../../../app/paths';

const SECTIONS: readonly { title: string; text: string; href: string; icon: LucideIcon }[] = [
  {
    title: 'Agents',
    text: 'Hosted agents, their versions and their sessions.',
    href: paths.agents.getHref(),
    icon: Bot,
  },
  {
    title: 'Settings',
    text: 'Which agent host or Foundry project the console talks to.',
    href: paths.settings.getHref(),
    icon: Settings,
  },
];

/** The console's front page: where to go first. */
export function Overview() {
  return (
    <>
      <PageHeader
        title="Overview"
        description="Look up an agent's sessions, read their live logs and manage the files in their sandboxes."
      />
      <ul className="grid gap-4 sm:grid-cols-2">
        {SECTIONS.map(({ title, text, href, icon: Icon }) => (
          <li key={href}>
            <Link
              to={href}
              className="group flex h-full items-start gap-4 rounded-lg border bg-surface p-5 shadow-xs transition-colors hover:border-primary/40 hover:bg-accent/40"
            >
              <span className="flex size-10 shrink-0 items-center justify-center rounded-md bg-accent text-accent-foreground">
                <Icon aria-hidden="true" className="size-5" />
              </span>
              <span className="min-w-0 flex-1">
                <span className="flex items-center gap-1 font-medium text-foreground">
                  {title}
                  <ChevronRight
                    aria-hidden="true"
                    className="size-4 text-muted-foreground transition-transform group-hover:translate-x-0.5"
                  />
                </span>
                <span className="mt-1 block text-sm text-muted-foreground">{text}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
