import type { AgentSession } from '@contract';

export interface Milestone {
  label: string;
  /** Unix seconds. */
  seconds: number;
  note: string;
}

/** What has happened to a session so far, oldest first; its expiry, still ahead, is drawn apart. */
export function pastMilestones(session: AgentSession): Milestone[] {
  return [
    {
      label: 'Created',
      seconds: session.created_at,
      note: `Version ${session.version_indicator.agent_version}`,
    },
    { label: 'Last active', seconds: session.last_accessed_at, note: 'Last call or lifecycle change' },
    ...(session.stopped_at !== undefined
      ? [{ label: 'Stopped', seconds: session.stopped_at, note: 'Process ended; files kept' }]
      : []),
  ].sort((a, b) => a.seconds - b.seconds);
}
