import os from 'node:os';
import type { IncomingHttpHeaders } from 'node:http';
import { USER_LABEL_HEADER, USER_LABEL_MAX_LENGTH } from '@contract';

/**
 * Who runs this server, as the trail's "person" until the console has sign-in: every call through it
 * acts with this account's sign-ins (Azure CLI, files), whichever browser sent it.
 */
export function serverUser(): string {
  try {
    const name = os.userInfo().username;
    if (name) return name;
  } catch {
    // No entry for this uid (a container started with an arbitrary user id).
  }
  return process.env.USER ?? process.env.USERNAME ?? `uid ${process.getuid?.() ?? 'unknown'}`;
}

/** Control and format characters: nothing a name needs, and bidirectional overrides can disguise one. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * The browser's own label for its person (USER_LABEL_HEADER), cleaned for the record: decoded from its
 * percent-encoding when it has one, without unprintable characters, spaces collapsed, at most
 * USER_LABEL_MAX_LENGTH characters. Undefined when nothing is left. It is what the browser claims, no more.
 */
export function userLabel(headers: IncomingHttpHeaders): string | undefined {
  const raw = headers[USER_LABEL_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return undefined;
  let label = value.slice(0, USER_LABEL_MAX_LENGTH * 12);
  try {
    label = decodeURIComponent(label);
  } catch {
    // Not percent-encoded after all: keep it as it came.
  }
  label = label.replace(UNPRINTABLE, ' ').replace(/\s+/gu, ' ').trim();
  const chars = [...label];
  if (chars.length > USER_LABEL_MAX_LENGTH) label = chars.slice(0, USER_LABEL_MAX_LENGTH).join('').trimEnd();
  return label === '' ? undefined : label;
}
