import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button, type ButtonProps } from './button';

interface CopyButtonProps extends Omit<ButtonProps, 'onClick' | 'children'> {
  value: string;
  /** What is copied, for the accessible name: "Copy session id". */
  label: string;
}

/** Copies `value` and says so for two seconds; the name stays "Copy …" so screen readers hear what it does. */
export function CopyButton({ value, label, variant = 'ghost', size = 'icon', ...props }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <Button
      variant={variant}
      size={size}
      aria-label={label}
      title={copied ? 'Copied' : label}
      onClick={() => {
        // A refused clipboard (no permission, insecure context) just leaves the button as it was.
        navigator.clipboard?.writeText(value).then(
          () => setCopied(true),
          () => undefined,
        );
      }}
      {...props}
    >
      {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
      <span aria-live="polite" className="sr-only">
        {copied ? 'Copied' : ''}
      </span>
    </Button>
  );
}
