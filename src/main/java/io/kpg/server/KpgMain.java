package io.kpg.server;

import io.kpg.server.bootstrap.DatabaseUrl;
import io.kpg.server.bootstrap.EmbeddedPostgres;
import io.kpg.server.bootstrap.Kubeconfig;
import io.kpg.server.bootstrap.Migrations;
import io.kpg.server.bootstrap.Pki;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Starts kpg: the database (the configured one, or a private PostgreSQL under the data directory),
 * the schema, the cluster PKI and the admin kubeconfig, then the Quarkus server.
 */
@QuarkusMain
public class KpgMain {
  /** Released once the server has stopped using the database. */
  static final java.util.concurrent.CountDownLatch STORAGE_STOPPED =
      new java.util.concurrent.CountDownLatch(1);

  public static void main(String... args) throws Exception {
    Path dataDir = Path.of(setting("kpg.data-dir", "KPG_DATA_DIR", ".kpg")).toAbsolutePath();
    int port = Integer.parseInt(setting("kpg.port", "KPG_PORT", "6443"));
    String dbUrl = setting("kpg.database-url", "KPG_DATABASE_URL", "");
    Files.createDirectories(dataDir);

    EmbeddedPostgres embedded = null;
    DatabaseUrl db;
    if (dbUrl.isBlank()) {
      embedded = EmbeddedPostgres.start(Bootstrap.postgresDir(dataDir));
      db = new DatabaseUrl(embedded.jdbcUrl(), embedded.user(), embedded.password());
      EmbeddedPostgres pg = embedded;
      // stop the database after the server has let go of it (hooks run concurrently)
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      STORAGE_STOPPED.await(15, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    pg.stop();
                  },
                  "kpg-postgres-stop"));
      System.out.println(
          "kpg: started embedded PostgreSQL in " + pg.dataDir() + " on port " + pg.port());
    } else {
      db = DatabaseUrl.parse(dbUrl);
    }
    Bootstrap.prepare(db, dataDir, port);
    System.out.println("kpg: admin kubeconfig written to " + dataDir.resolve("admin.kubeconfig"));
    System.out.println("kpg: serving https://127.0.0.1:" + port);
    try {
      Quarkus.run(args);
    } finally {
      if (embedded != null) {
        embedded.stop();
      }
    }
  }

  private static String setting(String property, String env, String dflt) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? dflt : v;
  }

  /** What must exist before Quarkus boots; shared with the test bootstrap. */
  public static final class Bootstrap {
    private Bootstrap() {}

    /**
     * Where the private PostgreSQL keeps its files: {@code <dataDir>/postgres}, unless kpg runs as
     * root under a directory the unprivileged database user cannot enter (e.g. below /root); then a
     * directory under /var/lib/kpg named after the data directory.
     */
    public static Path postgresDir(Path dataDir) throws Exception {
      Path wanted = dataDir.toAbsolutePath().normalize().resolve("postgres");
      if (!"root".equals(System.getProperty("user.name")) || traversableByOthers(dataDir)) {
        return wanted;
      }
      String id =
          java.util.HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(wanted.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                  0,
                  8);
      Path alt = Path.of("/var/lib/kpg", "postgres-" + id);
      Files.createDirectories(alt.getParent());
      System.out.println(
          "kpg: "
              + dataDir
              + " is not reachable by the database user; keeping PostgreSQL files in "
              + alt);
      return alt;
    }

    private static boolean traversableByOthers(Path dir) throws java.io.IOException {
      for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
        if (Files.exists(p)
            && !Files.getPosixFilePermissions(p)
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      }
      return true;
    }

    public static Pki prepare(DatabaseUrl db, Path dataDir, int port) throws Exception {
      Migrations.migrate(db.jdbcUrl(), db.user(), db.password());
      Pki pki;
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        pki = Pki.loadOrCreate(c);
      }
      Path tls = dataDir.resolve("tls");
      pki.writeFiles(tls);
      Kubeconfig.write(dataDir.resolve("admin.kubeconfig"), "https://127.0.0.1:" + port, pki);
      System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
      System.setProperty("quarkus.datasource.username", db.user());
      System.setProperty("quarkus.datasource.password", db.password() == null ? "" : db.password());
      System.setProperty("kpg.tls.dir", tls.toString());
      System.setProperty("kpg.port", Integer.toString(port));
      return pki;
    }
  }
}
