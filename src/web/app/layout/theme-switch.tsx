import { Monitor, Moon, Sun, type LucideIcon } from 'lucide-react';
import { setThemeChoice, useThemeChoice, type ThemeChoice } from '../../lib/theme';

const OPTIONS: readonly { value: ThemeChoice; label: string; icon: LucideIcon }[] = [
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
  { value: 'system', label: 'System', icon: Monitor },
];

/**
 * Native radios under a fieldset: arrow keys, focus and the announced state come for free.
 * Each radio is stretched, unstyled, over its icon, so the icon is what shows and the radio is what is clicked.
 */
export function ThemeSwitch() {
  const choice = useThemeChoice();
  return (
    <fieldset className="flex items-center gap-0.5 rounded-lg border bg-muted/60 p-0.5">
      <legend className="sr-only">Theme</legend>
      {OPTIONS.map(({ value, label, icon: Icon }) => (
        <label
          key={value}
          title={label}
          className="relative flex size-7 items-center justify-center rounded-md text-muted-foreground transition-colors hover:text-foreground has-checked:bg-surface has-checked:text-foreground has-checked:shadow-xs dark:has-checked:bg-input"
        >
          <input
            type="radio"
            name="theme"
            value={value}
            checked={choice === value}
            onChange={() => setThemeChoice(value)}
            className="absolute inset-0 cursor-pointer appearance-none rounded-md"
          />
          <Icon aria-hidden="true" className="size-4" />
          <span className="sr-only">{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
