package io.kpg.server;

import io.agroal.api.AgroalDataSource;
import io.kpg.storage.pg.ChangeFeed;
import io.kpg.storage.pg.PgStore;
import io.kpg.watch.WatchCache;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the store, the change feed and the watch cache of this replica. */
@Singleton
public class Storage {
  @Inject AgroalDataSource dataSource;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @ConfigProperty(name = "quarkus.datasource.username")
  String user;

  @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "")
  String password;

  /** How many recent changes each replica keeps in memory for watches. */
  @ConfigProperty(name = "kpg.watch-cache.size", defaultValue = "50000")
  int windowSize;

  private PgStore store;
  private ChangeFeed feed;
  private WatchCache cache;

  @PostConstruct
  void start() {
    ChangeFeed[] feedRef = new ChangeFeed[1];
    store =
        new PgStore(
            dataSource,
            () -> {
              if (feedRef[0] != null) {
                feedRef[0].ring();
              }
            });
    long start = store.currentRv();
    cache = new WatchCache(store, start, windowSize);
    feed = new ChangeFeed(jdbcUrl, user, password, start, cache::append);
    feedRef[0] = feed;
  }

  void stop(@Observes ShutdownEvent ev) {
    feed.stop();
    store.stop();
    KpgMain.STORAGE_STOPPED.countDown();
  }

  public PgStore store() {
    return store;
  }

  public WatchCache cache() {
    return cache;
  }
}
