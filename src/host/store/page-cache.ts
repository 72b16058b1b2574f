/**
 * Serialized list pages per agent (UTF-8 JSON), dropped as soon as anything about that agent's
 * sessions changes. Every write goes through SessionsRepo in this one process, so a cached page is
 * never stale; consoles that poll a list every few seconds then cost a map lookup instead of a query
 * and a serialization.
 */
export class PageCache {
  private readonly pages = new Map<string, Map<string, Buffer>>();

  constructor(private readonly maxPagesPerAgent = 256) {}

  get(agent: string, key: string, build: () => Buffer): Buffer {
    let pages = this.pages.get(agent);
    if (!pages) {
      pages = new Map();
      this.pages.set(agent, pages);
    }
    let page = pages.get(key);
    if (page === undefined) {
      page = build();
      // Crude but bounded: a console walks a handful of pages, a crawler would just start over.
      if (pages.size >= this.maxPagesPerAgent) pages.clear();
      pages.set(key, page);
    }
    return page;
  }

  invalidate(agent: string): void {
    this.pages.delete(agent);
  }
}
