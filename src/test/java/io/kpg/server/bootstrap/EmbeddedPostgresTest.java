package io.kpg.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {
  private Path base;

  @BeforeEach
  void makeBase() throws IOException {
    // not JUnit's @TempDir: that is 0700, and as root the server runs as another OS user who
    // must be able to reach its directory
    base =
        Files.createTempDirectory(
            "kpg-pg-test",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  @AfterEach
  void removeBase() throws IOException {
    try (Stream<Path> s = Files.walk(base)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Test
  void initStartConnectStopAndRestartOnTheSameDirectory() throws Exception {
    Path dir = base.resolve("postgres");
    EmbeddedPostgres pg = EmbeddedPostgres.start(dir);
    int firstPort;
    String password;
    try {
      assertTrue(pg.isRunning());
      assertEquals("kpg", pg.user());
      assertTrue(pg.jdbcUrl().startsWith("jdbc:postgresql://127.0.0.1:"), pg.jdbcUrl());
      assertTrue(pg.jdbcUrl().endsWith("/kpg"), pg.jdbcUrl());
      firstPort = pg.port();
      password = pg.password();
      assertTrue(password.length() >= 20);

      try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
          Statement st = c.createStatement()) {
        ResultSet rs =
            st.executeQuery(
                "SELECT current_user, current_database(), current_setting('max_connections'),"
                    + " current_setting('listen_addresses'), current_setting('server_encoding'),"
                    + " current_setting('synchronous_commit'), current_setting('shared_buffers'),"
                    + " current_setting('data_directory'), pg_backend_pid()");
        assertTrue(rs.next());
        assertEquals("kpg", rs.getString(1));
        assertEquals("kpg", rs.getString(2));
        assertEquals("200", rs.getString(3));
        assertEquals("127.0.0.1", rs.getString(4));
        assertEquals("UTF8", rs.getString(5));
        assertEquals("on", rs.getString(6));
        assertEquals("128MB", rs.getString(7));
        assertEquals(dir.resolve("pgdata").toString(), rs.getString(8));
        long backendPid = rs.getLong(9);
        st.execute("CREATE TABLE survives_restart (x int)");
        st.execute("INSERT INTO survives_restart VALUES (42)");

        if (EmbeddedPostgres.isRoot()) {
          // the server does not run as root but as postgres (or nobody)
          String expectedUser = EmbeddedPostgres.unprivilegedUser();
          assertEquals(
              expectedUser, ProcessHandle.of(backendPid).orElseThrow().info().user().orElseThrow());
          assertEquals(expectedUser, Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName());
        }
      }

      // scram-sha-256 is enforced: a wrong password is refused
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "wrong").close());
      assertEquals("28P01", e.getSQLState());

      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
      Path pwFile = dir.resolve("password");
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pwFile)));
      assertEquals(password, Files.readString(pwFile, StandardCharsets.UTF_8).strip());
    } finally {
      pg.stop();
    }
    assertFalse(pg.isRunning());
    assertTrue(pg.awaitStopped(Duration.ofSeconds(10)));
    assertFalse(Files.exists(dir.resolve("pgdata/postmaster.pid")));
    pg.stop(); // idempotent

    // second start on the same directory: no initdb, same password, previous port, data kept
    try (EmbeddedPostgres again = EmbeddedPostgres.start(dir)) {
      assertEquals(password, again.password());
      assertEquals(firstPort, again.port());
      try (Connection c = again.connect();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT x FROM survives_restart")) {
        assertTrue(rs.next());
        assertEquals(42, rs.getInt(1));
      }
    }
  }

  @Test
  void previousPortTakenMeansAnotherFreePort() throws Exception {
    Path dir = base.resolve("pg");
    int port;
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir)) {
      port = pg.port();
    }
    try (java.net.ServerSocket blocker =
        new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir)) {
        assertNotEquals(port, pg.port());
        try (Connection c = pg.connect()) {
          assertTrue(c.isValid(5));
        }
      }
    }
  }

  @Test
  void stalePidFileFromACrashedRunIsRemoved() throws Exception {
    Path dir = base.resolve("pg");
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir)) {
      assertTrue(pg.isRunning());
    }
    // a postmaster.pid naming a process that no longer exists
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long deadPid = p.pid();
    Path pidFile = dir.resolve("pgdata/postmaster.pid");
    Files.writeString(
        pidFile,
        deadPid + "\n" + dir.resolve("pgdata") + "\n1700000000\n5999\n" + dir + "\n127.0.0.1\n",
        StandardCharsets.UTF_8);
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir)) {
      try (Connection c = pg.connect()) {
        assertTrue(c.isValid(5));
      }
      long newPid = pidOfPostmaster(pidFile);
      assertNotEquals(deadPid, newPid);
      assertTrue(ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false));
    }
  }

  @Test
  void aServerLeftRunningByADeadJvmIsReused() throws Exception {
    Path dir = base.resolve("pg");
    EmbeddedPostgres first = EmbeddedPostgres.start(dir);
    try {
      // as if the JVM had died without stopping the server: start again on the same directory
      try (EmbeddedPostgres second = EmbeddedPostgres.start(dir)) {
        assertEquals(first.port(), second.port());
        try (Connection c = second.connect()) {
          assertTrue(c.isValid(5));
        }
      }
      // the second instance stopped the shared server
      assertTrue(first.awaitStopped(Duration.ofSeconds(10)));
    } finally {
      first.stop();
    }
  }

  @Test
  void startupFailureReportsTheServerLog() throws Exception {
    Path dir = base.resolve("pg");
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir)) {
      assertTrue(pg.isRunning());
    }
    Files.writeString(
        dir.resolve("pgdata/postgresql.conf"),
        "\nthis_is_no_setting = 1\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> EmbeddedPostgres.start(dir));
    assertTrue(e.getMessage().contains("PostgreSQL did not start"), e.getMessage());
    assertTrue(e.getMessage().contains("this_is_no_setting"), e.getMessage());
  }

  @Test
  void missingBinariesGiveAClearError() throws Exception {
    Path emptyBin = Files.createDirectory(base.resolve("bin"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> EmbeddedPostgres.start(base.resolve("pg"), emptyBin));
    assertTrue(e.getMessage().contains("initdb"), e.getMessage());

    e =
        assertThrows(
            IllegalStateException.class,
            () ->
                EmbeddedPostgres.findBinDir(
                    Map.of(EmbeddedPostgres.ENV_PG_BIN, emptyBin.toString()), null));
    assertTrue(e.getMessage().contains("KPG_PG_BIN"), e.getMessage());
  }

  @Test
  void binDirectoryDiscovery() throws Exception {
    Path root = Files.createDirectory(base.resolve("lib"));
    for (String v : List.of("9.6", "15", "16")) {
      fakeBin(root.resolve(v).resolve("bin"), true);
    }
    fakeBin(root.resolve("17").resolve("bin"), false); // no postgres program: not usable
    Files.createDirectories(root.resolve("common/bin"));
    assertEquals(root.resolve("16/bin"), EmbeddedPostgres.newestBinDir(root));

    Path explicit = root.resolve("15/bin");
    assertEquals(
        explicit,
        EmbeddedPostgres.findBinDir(Map.of(EmbeddedPostgres.ENV_PG_BIN, explicit.toString()), 16));
    // on this machine without KPG_PG_BIN: a real directory with initdb
    Path found = EmbeddedPostgres.findBinDir(Map.of(), null);
    assertTrue(Files.isExecutable(found.resolve("initdb")), found.toString());
  }

  @Test
  void unreachableDirectoryIsReportedWhenRunningAsRoot() throws Exception {
    assumeTrue(EmbeddedPostgres.isRoot());
    Path hidden = Files.createDirectory(base.resolve("private"));
    Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("rwx------"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> EmbeddedPostgres.start(hidden.resolve("pg")));
    assertTrue(e.getMessage().contains("cannot reach"), e.getMessage());
  }

  @Test
  void serverOptionsQuoteTheSocketDirectory() {
    assertEquals("'a b'", EmbeddedPostgres.shellQuote("a b"));
    assertEquals("'it'\\''s'", EmbeddedPostgres.shellQuote("it's"));
  }

  private static long pidOfPostmaster(Path pidFile) throws IOException {
    return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
  }

  private static void fakeBin(Path bin, boolean withPostgres) throws IOException {
    Files.createDirectories(bin);
    for (String prog : withPostgres ? List.of("initdb", "pg_ctl", "postgres") : List.of("initdb")) {
      Path p = bin.resolve(prog);
      Files.writeString(p, "#!/bin/sh\nexit 1\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
