import { cn } from '../../lib/cn';

/**
 * Text from a server or the console with its `commands` set as code, as the gateway writes them
 * ("Sign in with `az login`"). Plain React text: nothing in it is read as markup.
 */
export function TextWithCode({ text }: { text: string }) {
  return text.split(/(`[^`\n]+`)/).map((part, i) =>
    part.length > 2 && part.startsWith('`') && part.endsWith('`') ? (
      <code
        key={i}
        // A short command stays on one line; a long one may wrap rather than push the page sideways.
        className={cn(
          'rounded bg-muted px-1 py-0.5 font-mono text-[0.9em]',
          part.length < 40 ? 'whitespace-nowrap' : 'break-all',
        )}
      >
        {part.slice(1, -1)}
      </code>
    ) : (
      part
    ),
  );
}
