import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { fileQueries } from '../api/file-queries';

/**
 * One folder's entries, every page of it: each page is shown as it arrives, so the first rows are on
 * screen after one round trip however big the folder is. `complete` once the last page is in.
 */
export function useFolderListing(agent: string, sessionId: string, folder: string) {
  const list = useInfiniteQuery(fileQueries.list(agent, sessionId, folder));
  const { hasNextPage, isFetching, isFetchNextPageError, fetchNextPage } = list;

  useEffect(() => {
    if (hasNextPage && !isFetching && !isFetchNextPageError) void fetchNextPage();
  }, [hasNextPage, isFetching, isFetchNextPageError, fetchNextPage]);

  const entries = useMemo(() => list.data?.pages.flatMap((p) => p.entries) ?? [], [list.data]);
  const complete = list.isSuccess && !hasNextPage;
  return { list, entries, complete };
}

export type FolderListingState = ReturnType<typeof useFolderListing>;
