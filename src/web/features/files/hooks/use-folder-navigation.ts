import { useLocation, useNavigate } from 'react-router';
import { parentOf } from '../model/file-paths';
import { folderHref } from '../model/folder-href';

/** How a folder or file was opened: from the keyboard, focus follows into the new listing. */
export type OpenVia = 'keyboard' | 'pointer';

/** Set in the navigation state when a folder was opened from the keyboard, so focus lands in the new listing. */
interface FolderNavState {
  focusList?: boolean;
}

/** True when this folder was opened from the keyboard, so the listing should take focus once it is drawn. */
export function useOpenedFromKeyboard(): boolean {
  const location = useLocation();
  return (location.state as FolderNavState | null)?.focusList === true;
}

/**
 * Moving around one session's Files tab through the URL: into a folder, up, and opening or closing a
 * file's preview. A preview replaces the history entry, so Back leaves the folder rather than the preview.
 */
export function useFolderNavigation(agent: string, sessionId: string, folder: string) {
  const navigate = useNavigate();
  const href = (target: string, file?: string) => folderHref(agent, sessionId, target, file);
  const goTo = (target: string, via: OpenVia) =>
    void navigate(href(target), { state: { focusList: via === 'keyboard' } satisfies FolderNavState });
  return {
    href,
    goTo,
    /** Undefined at home, which has nothing above it. */
    goUp: folder ? (via: OpenVia) => goTo(parentOf(folder), via) : undefined,
    showPreview: (name: string) => void navigate(href(folder, name), { replace: true }),
    closePreview: () => void navigate(href(folder), { replace: true }),
  };
}
