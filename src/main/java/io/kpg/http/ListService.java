package io.kpg.http;

import io.kpg.errors.Errors;
import io.kpg.errors.StatusException;
import io.kpg.registry.KindDef;
import io.kpg.registry.ResourceStore;
import io.kpg.server.Storage;
import io.kpg.storage.ListPage;
import io.kpg.storage.ListQuery;
import io.kpg.storage.ResourceKey;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Runs LISTs (also the initial state of watches) with the resourceVersion and continue rules. */
@Singleton
public class ListService {
  @Inject ResourceStore store;
  @Inject Storage storage;

  /** Fails with 504 when {@code rv} is newer than anything committed (NotOlderThan reads). */
  void awaitRv(long rv) {
    if (storage.cache().lastRv() >= rv) {
      return;
    }
    long current = storage.store().currentRv();
    if (rv > current) {
      throw Errors.timeout(
          "Timeout: Too large resource version: " + rv + ", current: " + current, 1);
    }
  }

  ListPage runList(KindDef k, String namespace, Selection sel, ListOptions opts) {
    String ns = namespace.isEmpty() ? sel.exactNamespace() : namespace;
    long snapshot = 0;
    String startAfter = null;
    if (opts.continueToken() != null) {
      ListOptions.Continue c = ListOptions.decodeContinue(opts.continueToken());
      snapshot = c.rv();
      startAfter = c.start();
    } else if (opts.exactRv() > 0) {
      snapshot = opts.exactRv();
    }
    ListQuery q =
        new ListQuery(
            ResourceKey.DEFAULT_CLUSTER,
            k.group(),
            k.plural(),
            k.namespaced() ? (ns == null || ns.isEmpty() ? null : ns) : null,
            sel.exactName(),
            sel.labelContainment(),
            sel.isEverything() ? null : sel::matchesText,
            snapshot,
            startAfter,
            opts.limit());
    try {
      if (opts.minRv() > 0) {
        awaitRv(opts.minRv());
      }
      return store.list(k, q);
    } catch (StatusException e) {
      if (e.code() == 410 && opts.continueToken() != null) {
        // the snapshot is gone: offer an inconsistent continuation from the same key
        ListQuery latest =
            new ListQuery(
                q.cluster(),
                q.group(),
                q.resource(),
                q.namespace(),
                q.name(),
                q.labelsContain(),
                q.filter(),
                0,
                startAfter,
                1);
        long now = store.list(k, latest).rv();
        throw Errors.gone(
                "The provided continue parameter is too old to display a consistent list result. You"
                    + " can start a new list without the continue parameter, or use the continue token"
                    + " in this response to retrieve the remainder of the results. Continuing with the"
                    + " provided token results in an inconsistent list - objects that were created,"
                    + " modified, or deleted between the time the first chunk was returned and now may"
                    + " show up in the list.")
            .withContinue(ListOptions.encodeContinue(now, startAfter));
      }
      throw e;
    }
  }
}
