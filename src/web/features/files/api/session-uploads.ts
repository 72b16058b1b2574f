import { apiPaths } from '@contract';
import { apiHeaders, apiUrl } from '../../../lib/api-client';
import {
  UploadQueue,
  type FolderLookup,
  type UploadQueueOptions,
  type UploadTransport,
} from '../model/upload-queue';
import { xhrUpload } from './xhr-upload';
import { listAllNames } from './file-queries';

/**
 * Each file as a PUT to the session's content address. Endpoint and owner key are read from the
 * settings when each file is sent, so a key put right in Settings applies to the next retry.
 */
export function sessionUploadTransport(agent: string, sessionId: string): UploadTransport {
  return ({ path, body, signal, onProgress }) =>
    xhrUpload({
      url: apiUrl(apiPaths.fileContent(agent, sessionId), { path }),
      headers: apiHeaders({ asOwner: true }),
      body,
      signal,
      onProgress,
    });
}

export function sessionFolderLookup(agent: string, sessionId: string): FolderLookup {
  return (folder) => listAllNames(agent, sessionId, folder);
}

/** The upload queue of one session, wired to the project endpoint in the settings. */
export function createSessionUploadQueue(
  agent: string,
  sessionId: string,
  options: Omit<UploadQueueOptions, 'transport' | 'lookup'> = {},
): UploadQueue {
  return new UploadQueue({
    transport: sessionUploadTransport(agent, sessionId),
    lookup: sessionFolderLookup(agent, sessionId),
    ...options,
  });
}
