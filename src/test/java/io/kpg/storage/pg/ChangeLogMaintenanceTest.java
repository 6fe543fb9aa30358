package io.kpg.storage.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpg.json.Json;
import io.kpg.server.KpgMain;
import io.kpg.server.bootstrap.EmbeddedPostgres;
import io.kpg.server.bootstrap.Migrations;
import io.kpg.storage.ListQuery;
import io.kpg.storage.ResourceKey;
import io.kpg.storage.StorageException;
import io.kpg.storage.WriteOp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The change log retires history by dropping rv-range partitions (and default-partition rows). */
class ChangeLogMaintenanceTest {
  static EmbeddedPostgres pg;
  static PGSimpleDataSource ds;
  static PgStore store;

  @BeforeAll
  static void start() throws Exception {
    pg =
        EmbeddedPostgres.start(
            KpgMain.Bootstrap.postgresDir(Path.of("target", "changelog-test").toAbsolutePath()));
    try (Connection c = pg.connect();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS changelog WITH (FORCE)");
      st.execute("CREATE DATABASE changelog");
    }
    Migrations.migrate(pg.jdbcUrl("changelog"), pg.user(), pg.password());
    ds = new PGSimpleDataSource();
    ds.setURL(pg.jdbcUrl("changelog"));
    ds.setUser(pg.user());
    ds.setPassword(pg.password());
    store = new PgStore(ds, () -> {});
  }

  @AfterAll
  static void stop() {
    store.stop();
    pg.stop();
  }

  static void create(int n, String prefix) {
    for (int i = 0; i < n; i++) {
      store.write(
          WriteOp.create(
              ResourceKey.of("", "configmaps", "ns", prefix + i),
              Json.parseTrusted(
                  "{\"metadata\":{\"name\":\"" + prefix + i + "\",\"namespace\":\"ns\"}}")));
    }
  }

  static long count(String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void partitionsAheadOldOnesDroppedWatchAndListExpire() throws Exception {
    ChangeLogMaintenance m = new ChangeLogMaintenance(10);
    create(5, "a"); // before any partition: in the default partition
    ChangeLogMaintenance.Result r1 = m.run(ds, 3600);
    assertEquals(1, r1.created());
    assertEquals(0, r1.compactedRv());
    create(20, "b");
    // the first partition (width 10) holds ten rows of the second batch; the rest is in the default
    // one
    assertEquals(
        10,
        count("SELECT count(*) FROM changes_p" + count("SELECT min(lo) FROM change_partitions")));
    ChangeLogMaintenance.Result r2 = m.run(ds, 3600); // closes the first, opens the next
    assertEquals(1, r2.created());
    assertEquals(0, r2.dropped());
    long current = store.currentRv();
    assertEquals(25, count("SELECT count(*) FROM changes"));

    ChangeLogMaintenance.Result r3 = m.run(ds, 0); // everything closed is past retention now
    assertEquals(1, r3.dropped());
    assertEquals(current, r3.compactedRv());
    assertEquals(0, count("SELECT count(*) FROM changes"));
    assertEquals(1, count("SELECT count(*) FROM change_partitions"));

    StorageException e =
        assertThrows(
            StorageException.class,
            () -> store.changes(ResourceKey.of("", "configmaps", "", ""), current - 5, current));
    assertEquals(StorageException.Reason.EXPIRED, e.reason());
    StorageException l =
        assertThrows(
            StorageException.class,
            () -> {
              create(1, "c");
              store.list(
                  new ListQuery(
                      ResourceKey.DEFAULT_CLUSTER,
                      "",
                      "configmaps",
                      null,
                      null,
                      null,
                      null,
                      current - 5,
                      null,
                      0));
            });
    assertEquals(StorageException.Reason.EXPIRED, l.reason());

    create(5, "d"); // history after the compaction point is served
    assertEquals(
        6,
        store.changes(ResourceKey.of("", "configmaps", "", ""), current, store.currentRv()).size());
    assertEquals(
        31,
        store
            .list(
                new ListQuery(
                    ResourceKey.DEFAULT_CLUSTER,
                    "",
                    "configmaps",
                    null,
                    null,
                    null,
                    null,
                    0,
                    null,
                    0))
            .items()
            .size());
  }
}
