import { CONNECTION_COLOURS, type ConnectionColour } from '@contract';
import { ConnectionSwatch } from '../../../components/connection-mark';

/**
 * The colours a connection can be drawn in, as native radios (arrow keys and the announced choice come
 * free), each named in words; a `#rrggbb` from the connections file shows as one more choice.
 */
export function ColourPicker({
  name,
  value,
  onChange,
  legend = 'Colour',
}: {
  /** The radio group's name: unique on the page. */
  name: string;
  value: ConnectionColour | '';
  onChange: (colour: ConnectionColour | '') => void;
  legend?: string;
}) {
  const custom = value !== '' && !(CONNECTION_COLOURS as readonly string[]).includes(value) ? [value] : [];
  const choices: (ConnectionColour | '')[] = ['', ...CONNECTION_COLOURS, ...custom];
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1.5 text-sm font-medium text-foreground">{legend}</legend>
      <div className="flex flex-wrap gap-1">
        {choices.map((colour) => (
          <label
            key={colour || 'none'}
            title={colour || 'None'}
            className="relative flex size-8 cursor-pointer items-center justify-center rounded-md border border-transparent has-checked:border-foreground/60 has-checked:bg-muted has-focus-visible:outline-2 has-focus-visible:outline-ring"
          >
            <input
              type="radio"
              name={name}
              value={colour}
              checked={value === colour}
              onChange={() => onChange(colour)}
              className="absolute inset-0 cursor-pointer appearance-none rounded-md focus-visible:outline-none"
            />
            <ConnectionSwatch colour={colour || undefined} className="size-4" />
            <span className="sr-only">{colour || 'None'}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
