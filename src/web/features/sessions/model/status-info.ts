import type { SessionStatus } from '@contract';

export type StatusTone = 'progress' | 'success' | 'neutral' | 'danger' | 'warning';

export interface StatusInfo {
  label: string;
  /** One sentence a support engineer can read out to a customer. */
  meaning: string;
  tone: StatusTone;
  /** The server is working on it; the badge pulses and views poll. */
  busy?: boolean;
}

export const STATUS_INFO: Record<SessionStatus, StatusInfo> = {
  creating: {
    label: 'Creating',
    meaning: 'Starting its agent process; it takes traffic once the process answers its readiness check.',
    tone: 'progress',
    busy: true,
  },
  active: {
    label: 'Active',
    meaning: 'The agent process is running and ready for traffic.',
    tone: 'success',
  },
  idle: {
    label: 'Idle',
    meaning: 'The process has ended; its files are kept and the next call resumes it.',
    tone: 'neutral',
  },
  updating: {
    label: 'Updating',
    meaning: 'The session is being moved to a new version or configuration.',
    tone: 'progress',
    busy: true,
  },
  failed: {
    label: 'Failed',
    meaning: 'The agent process died while starting. Its logs say why; the next call tries again.',
    tone: 'danger',
  },
  deleting: {
    label: 'Deleting',
    meaning: 'The process is being ended and the session’s files and logs removed.',
    tone: 'warning',
    busy: true,
  },
  deleted: {
    label: 'Deleted',
    meaning: 'The session, its files and its logs are gone.',
    tone: 'neutral',
  },
  expired: {
    label: 'Expired',
    meaning: '30 days passed without activity, so its sandbox and files were removed.',
    tone: 'warning',
  },
};

/** Sessions whose process can be ended; stopping any other is allowed but changes nothing. */
export const canStop = (status: SessionStatus) =>
  status === 'creating' || status === 'active' || status === 'updating';

/** A session already on its way out cannot be deleted again. */
export const canDelete = (status: SessionStatus) => status !== 'deleting' && status !== 'deleted';
