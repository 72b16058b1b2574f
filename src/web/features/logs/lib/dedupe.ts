/** How many non-numeric ids are remembered; a replay older than this is not expected. */
const REMEMBERED_TEXT_IDS = 20_000;

/**
 * Drops frames the console has already seen, by event id. The local host's ids are whole numbers
 * that only grow per session, so "at or below the highest seen" is a repeat. Other servers may send
 * ids of another shape: those are remembered (a bounded number of them) and matched exactly.
 * Frames without an id are connection notices and are never repeats.
 */
export class EventIdFilter {
  private highest = 0;
  private readonly textIds = new Set<string>();
  /** Frames dropped as repeats since the console started. */
  repeats = 0;

  /** The id to resume from (`Last-Event-ID`), or undefined before any id was seen. */
  lastId: string | undefined;

  /** True when the frame is new (and remembers it); false when it was seen before. */
  accept(id: number | string | undefined): boolean {
    if (id === undefined) return true;
    if (typeof id === 'number') {
      if (id <= this.highest) {
        this.repeats++;
        return false;
      }
      this.highest = id;
      this.lastId = String(id);
      return true;
    }
    if (this.textIds.has(id)) {
      this.repeats++;
      return false;
    }
    this.textIds.add(id);
    if (this.textIds.size > REMEMBERED_TEXT_IDS) {
      // A Set iterates in insertion order: the first one is the oldest.
      const oldest = this.textIds.values().next().value;
      if (oldest !== undefined) this.textIds.delete(oldest);
    }
    this.lastId = id;
    return true;
  }

  /**
   * The server says its log started again (a session made anew under the same id): its ids start
   * from 1 again, so the ones seen before no longer mean anything.
   */
  reset(): void {
    this.highest = 0;
    this.textIds.clear();
    this.lastId = undefined;
  }
}
