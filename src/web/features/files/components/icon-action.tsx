import type { LucideIcon } from 'lucide-react';
import { Button, type ButtonProps } from '../../../components/ui/button';
import { cn } from '../../../lib/cn';

interface IconActionProps extends Omit<ButtonProps, 'variant' | 'size' | 'children' | 'aria-label'> {
  /** The accessible name: the icon alone says nothing to a screen reader. */
  label: string;
  icon: LucideIcon;
}

/**
 * A small borderless button showing only an icon, as the upload sheet and the upload notices use for
 * retry, cancel, dismiss and close: small enough to sit in a row of text beside the name it acts on.
 */
export function IconAction({ label, icon: Icon, className, ...props }: IconActionProps) {
  return (
    <Button variant="ghost" size="icon" className={cn('size-7', className)} aria-label={label} {...props}>
      <Icon aria-hidden="true" />
    </Button>
  );
}
