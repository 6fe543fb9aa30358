package io.kpg.storage;

import java.util.List;

/**
 * One page of a LIST: the rv of the snapshot it was read at, the objects' JSON in key order, and
 * when more follow, the key of the last item and how many remain.
 */
public record ListPage(long rv, List<String> items, String lastKey, long remaining) {
  public boolean hasMore() {
    return lastKey != null;
  }
}
