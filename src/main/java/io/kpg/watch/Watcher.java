package io.kpg.watch;

import io.kpg.storage.Change;

/** A consumer of one resource's changes, fed by the {@link WatchCache} from its thread. */
public interface Watcher {
  /**
   * Offers the next change (rv order, no gaps). Must not block. Returning false means the watcher
   * cannot keep up: the cache drops it and calls {@link #close()}.
   */
  boolean offer(Change change);

  /** The cache has dropped this watcher (too slow, or shutting down). */
  void close();
}
