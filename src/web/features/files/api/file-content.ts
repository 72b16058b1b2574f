import { apiPaths } from '@contract';
import { ApiError, apiHeaders, apiUrl, toApiError } from '../../../lib/api-client';

/**
 * The address of a file's bytes, for a plain link: the browser streams the download to disk itself,
 * so a large file costs the page nothing. A link carries no headers; the local host and the gateway
 * need none (the gateway adds the token on the server).
 */
export function fileContentUrl(agent: string, sessionId: string, path: string): string {
  return apiUrl(apiPaths.fileContent(agent, sessionId), { path });
}

/** A file's bytes, for a preview (small files only: the caller checks the size first). */
export async function fetchFileBytes(
  agent: string,
  sessionId: string,
  path: string,
  signal?: AbortSignal,
): Promise<ArrayBuffer> {
  let res: Response;
  try {
    res = await fetch(fileContentUrl(agent, sessionId, path), { headers: apiHeaders(), signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'network_error', `Could not fetch the file: ${(err as Error).message}`, undefined);
  }
  const requestId = res.headers.get('x-request-id') ?? undefined;
  if (!res.ok) throw toApiError(res.status, await res.text(), requestId);
  return res.arrayBuffer();
}
