import { Link, NavLink } from 'react-router';
import { ProductionBand } from '../../components/connection-mark';
import { ConnectionSwitcher } from '../../features/connections/components/connection-switcher';
import { OpenSessionBox } from '../../features/sessions/components/open-session-box';
import { cn } from '../../lib/cn';
import { paths } from '../paths';
import { ThemeSwitch } from './theme-switch';

const NAV_ITEMS = [
  { label: 'Agents', href: paths.agents.getHref() },
  { label: 'Activity', href: paths.activity.getHref() },
  { label: 'Settings', href: paths.settings.getHref() },
] as const;

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur-sm">
      <ProductionBand />
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 pt-3 sm:h-14 sm:flex-nowrap sm:gap-x-6 sm:px-6 sm:py-0">
        <Link
          to={paths.home.getHref()}
          className="flex items-center gap-2.5 rounded-md text-[15px] font-semibold tracking-tight text-foreground"
        >
          <img src="/icon.svg" alt="" width={24} height={24} className="size-6" />
          Agent Sessions Console
        </Link>
        <nav aria-label="Main" className="order-last -mx-3 w-full sm:order-none sm:mx-0 sm:w-auto">
          <ul className="flex items-center gap-1">
            {NAV_ITEMS.map((item) => (
              <li key={item.href}>
                <NavLink
                  to={item.href}
                  className={({ isActive }) =>
                    cn(
                      'relative flex h-10 items-center rounded-md px-3 text-sm font-medium transition-colors focus-visible:outline-offset-[-8px] sm:h-14',
                      'after:absolute after:inset-x-3 after:bottom-0 after:h-0.5 after:rounded-full',
                      isActive
                        ? 'text-foreground after:bg-primary'
                        : 'text-muted-foreground hover:text-foreground',
                    )
                  }
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-1.5 sm:gap-3">
          <ConnectionSwitcher />
          <OpenSessionBox />
          <ThemeSwitch />
        </div>
      </div>
    </header>
  );
}
