/** A session id inside running text: monospace, and allowed to wrap anywhere on a narrow screen. */
export function SessionIdText({ id }: { id: string | undefined }) {
  return (
    <code className="rounded bg-muted px-1 py-0.5 font-mono text-[13px] break-all text-foreground">{id}</code>
  );
}

export function DeleteWarning({ agent, sessionId }: { agent: string; sessionId: string | undefined }) {
  return (
    <>
      <p>
        Session <SessionIdText id={sessionId} /> of {agent} will be deleted.
      </p>
      <p className="text-muted-foreground">
        Its agent process is ended and its files and logs go with it. This cannot be undone.
      </p>
    </>
  );
}
