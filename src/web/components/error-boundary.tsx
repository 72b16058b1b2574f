import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { Component, type ReactNode } from 'react';
import { errorMessage } from '../lib/format';
import { Button } from './ui/button';
import { ErrorPanel } from './error-panel';

interface PanelErrorBoundaryProps {
  /** Names the panel in the error, e.g. "The log stream failed". */
  title?: string;
  children: ReactNode;
}

interface BoundaryProps extends PanelErrorBoundaryProps {
  onReset: () => void;
}

interface BoundaryState {
  // Wrapped so that a thrown null or undefined still counts as an error.
  error: { value: unknown } | null;
}

// React still has no hook for catching render errors, so this one class remains.
class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(value: unknown): BoundaryState {
    return { error: { value } };
  }

  private readonly retry = () => {
    this.props.onReset();
    this.setState({ error: null });
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <ErrorPanel title={this.props.title ?? 'This panel failed'} message={errorMessage(error.value)}>
        <Button variant="secondary" size="sm" onClick={this.retry}>
          Try again
        </Button>
      </ErrorPanel>
    );
  }
}

/**
 * Keeps one failing panel (a log console, a file browser) from taking the page down with it.
 * "Try again" also resets failed queries below it, so they fetch again instead of rethrowing.
 */
export function PanelErrorBoundary({ title, children }: PanelErrorBoundaryProps) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary title={title} onReset={reset}>
          {children}
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  );
}
