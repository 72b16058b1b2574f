/** A session id inside running text: monospace, and allowed to wrap anywhere on a narrow screen. */
export function SessionIdText({ id }: { id: string | undefined }) {
  return (
    <code className="rounded bg-muted px-1 py-0.5 font-mono text-[13px] break-all text-foreground">{id}</code>
  );
}
