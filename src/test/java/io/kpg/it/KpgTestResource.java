package io.kpg.it;

import io.kpg.server.KpgMain;
import io.kpg.server.bootstrap.DatabaseUrl;
import io.kpg.server.bootstrap.EmbeddedPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/**
 * Brings up what KpgMain brings up before Quarkus boots, for the one Quarkus instance all
 * {@code @QuarkusTest} classes share: a real PostgreSQL (kpg's embedded one under target/, or
 * {@code KPG_TEST_DATABASE_URL}), a fresh database, the schema, the PKI and the TLS files.
 */
public class KpgTestResource implements QuarkusTestResourceLifecycleManager {
  static EmbeddedPostgres pg;
  public static Path dataDir;
  public static int port;

  /** resourceVersion the test server boots at; history below COMPACTED_RV is gone */
  public static final long BOOT_RV = 1000;

  public static final long COMPACTED_RV = 500;
  public static io.kpg.server.bootstrap.Pki pki;

  @Override
  public Map<String, String> start() {
    try {
      dataDir = Path.of("target", "kpg-test").toAbsolutePath();
      Files.createDirectories(dataDir);
      String external = System.getenv("KPG_TEST_DATABASE_URL");
      DatabaseUrl db;
      if (external != null && !external.isBlank()) {
        db = DatabaseUrl.parse(external);
      } else {
        if (pg == null) {
          pg = EmbeddedPostgres.start(KpgMain.Bootstrap.postgresDir(dataDir));
        }
        db = new DatabaseUrl(pg.jdbcUrl(), pg.user(), pg.password());
      }
      db = freshDatabase(db, "kpg_test");
      port = freePort();
      pki = KpgMain.Bootstrap.prepare(db, dataDir, port);
      // start like a server whose older history was compacted away before this boot
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
          Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE rv_counter SET rv = " + BOOT_RV);
        st.executeUpdate("UPDATE compaction SET compacted_rv = " + COMPACTED_RV);
      }
      return Map.of(
          "quarkus.datasource.jdbc.url", db.jdbcUrl(),
          "quarkus.datasource.username", db.user(),
          "quarkus.datasource.password", db.password() == null ? "" : db.password(),
          "kpg.tls.dir", dataDir.resolve("tls").toString(),
          "quarkus.http.test-ssl-port", Integer.toString(port),
          "quarkus.http.test-port", Integer.toString(freePort()));
    } catch (Exception e) {
      throw new IllegalStateException("test bootstrap failed", e);
    }
  }

  /** Drops and recreates {@code name} on the same server; returns its URL. */
  static DatabaseUrl freshDatabase(DatabaseUrl admin, String name) throws Exception {
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      st.execute("CREATE DATABASE " + name);
    }
    String url = admin.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    return new DatabaseUrl(url, admin.user(), admin.password());
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void stop() {
    if (pg != null) {
      pg.stop();
      pg = null;
    }
  }
}
