import { USER_LABEL_MAX_LENGTH } from '@contract';

/** What the server would strip from a name: control and format characters, line and paragraph breaks. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * The name as the trail will record it: spaces at either end dropped and runs of spaces made one, as
 * the server does, so the name filtered by on the Activity page is the one saved here.
 */
export function normalizeUserLabel(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Why a typed name cannot be saved, or undefined when it can. Counted in characters as a person sees
 * them (code points), which is how the server counts its limit.
 */
export function checkUserLabel(text: string): string | undefined {
  if (UNPRINTABLE.test(text)) {
    return 'Only printable characters: remove tabs, line breaks and invisible characters.';
  }
  const length = [...normalizeUserLabel(text)].length;
  if (length > USER_LABEL_MAX_LENGTH) {
    return `At most ${USER_LABEL_MAX_LENGTH} characters, ${length} so far.`;
  }
  return undefined;
}
