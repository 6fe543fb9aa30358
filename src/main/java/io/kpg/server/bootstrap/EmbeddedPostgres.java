package io.kpg.server.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server kept in a data directory of kpg, started before Quarkus boots.
 *
 * <p>Layout of {@code dataDir} (mode 0700, owned by the OS user the server runs as):
 *
 * <ul>
 *   <li>{@code pgdata/} — the cluster made by {@code initdb} (superuser {@value #USER}, auth
 *       scram-sha-256)
 *   <li>{@code password} — the superuser's password (0600)
 *   <li>{@code port} — the TCP port of the last start; tried first on the next start
 *   <li>{@code server.log} — the server's log; its tail is put into startup errors
 *   <li>the Unix socket ({@code .s.PGSQL.<port>}), when the path is short enough
 * </ul>
 *
 * <p>The server listens on 127.0.0.1 only. When the JVM runs as root the PostgreSQL programs run as
 * {@code postgres} (or {@code nobody}) through {@code runuser}/{@code setpriv}, since PostgreSQL
 * refuses to run as root. Nothing is registered globally: the caller stops the server (for example
 * from a shutdown hook).
 */
public final class EmbeddedPostgres implements AutoCloseable {
  /** Superuser created by initdb; also the owner of database {@value #DATABASE}. */
  public static final String USER = "kpg";

  /** The database kpg uses; created at the first start. */
  public static final String DATABASE = "kpg";

  static final String ENV_PG_BIN = "KPG_PG_BIN";
  private static final Path DEFAULT_SCAN_ROOT = Path.of("/usr/lib/postgresql");
  private static final int START_TIMEOUT_SECONDS = 60;
  private static final int MAX_PORT_ATTEMPTS = 5;
  private static final int LOG_TAIL_LINES = 40;
  private static final long MAX_LOG_BYTES = 10L * 1024 * 1024;
  // sockaddr_un.sun_path is 108 bytes including the terminating NUL
  private static final int MAX_SOCKET_PATH = 107;

  /** Server settings passed at every start, so changed defaults apply to existing clusters. */
  static final List<String> SETTINGS =
      List.of(
          "max_connections=200",
          "shared_buffers=128MB",
          "synchronous_commit=on",
          "fsync=on",
          "full_page_writes=on",
          "password_encryption=scram-sha-256",
          "unix_socket_permissions=0700",
          "max_wal_size=1GB",
          "TimeZone=UTC");

  private final Path dataDir;
  private final Path pgData;
  private final Path binDir;
  private final Optional<String> runAs;
  private String password;
  private int port;
  private boolean running;

  private EmbeddedPostgres(Path dataDir, Path binDir, Optional<String> runAs) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.pgData = this.dataDir.resolve("pgdata");
    this.binDir = binDir;
    this.runAs = runAs;
  }

  /**
   * Initializes (once) and starts a server in {@code dataDir}, finding the binaries from the
   * environment (see {@link #findBinDir}).
   *
   * @throws IllegalStateException when the binaries are missing or the server does not start
   */
  public static EmbeddedPostgres start(Path dataDir) {
    Path abs = dataDir.toAbsolutePath().normalize();
    Integer existingMajor = readMajorVersion(abs.resolve("pgdata"));
    Path bin = findBinDir(System.getenv(), existingMajor);
    return start(abs, bin);
  }

  /** Like {@link #start(Path)} with an explicit directory holding initdb, pg_ctl and postgres. */
  public static EmbeddedPostgres start(Path dataDir, Path binDir) {
    for (String prog : List.of("initdb", "pg_ctl", "postgres")) {
      if (!Files.isExecutable(binDir.resolve(prog))) {
        throw new IllegalStateException(
            "PostgreSQL server program " + binDir.resolve(prog) + " not found or not executable");
      }
    }
    Optional<String> runAs = isRoot() ? Optional.of(unprivilegedUser()) : Optional.empty();
    EmbeddedPostgres pg = new EmbeddedPostgres(dataDir, binDir, runAs);
    pg.doStart();
    return pg;
  }

  /** JDBC URL of database {@value #DATABASE} on this server. */
  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  /** JDBC URL of another database on this server (e.g. {@code postgres}). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return password;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path binDir() {
    return binDir;
  }

  /** The OS user the server runs as when the JVM is root; empty otherwise. */
  public Optional<String> runAsUser() {
    return runAs;
  }

  public synchronized boolean isRunning() {
    return running;
  }

  /** Opens a new connection to database {@value #DATABASE} as the superuser. */
  public Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("password", password);
    return new org.postgresql.Driver().connect(jdbcUrl(), props);
  }

  /** Stops the server ({@code pg_ctl stop -m fast}); does nothing when it is already stopped. */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    if (Files.exists(pgData.resolve("postmaster.pid"))) {
      ProcResult r =
          run(
              List.of(
                  pgCtl(),
                  "stop",
                  "-D",
                  pgData.toString(),
                  "-m",
                  "fast",
                  "-w",
                  "-t",
                  String.valueOf(START_TIMEOUT_SECONDS)),
              START_TIMEOUT_SECONDS + 10);
      if (r.exitCode != 0 && isServerAlive()) {
        throw new IllegalStateException(
            "pg_ctl stop failed (exit " + r.exitCode + "): " + r.output.strip() + logTailMessage());
      }
    }
    running = false;
  }

  @Override
  public void close() {
    stop();
  }

  // ---------------------------------------------------------------- start

  private synchronized void doStart() {
    try {
      prepareDataDir();
      password = readOrCreatePassword();
      if (!isInitialized()) {
        initdb();
      } else {
        checkVersion();
      }
      rotateLog();
      if (adoptRunningServer()) {
        running = true;
      } else {
        startServer();
        running = true;
      }
      try {
        awaitConnections();
        createDatabase();
      } catch (RuntimeException e) {
        try {
          stop();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot prepare PostgreSQL data directory " + dataDir + ": " + e, e);
    }
  }

  private void prepareDataDir() throws IOException {
    Files.createDirectories(dataDir);
    Set<PosixFilePermission> owner700 = PosixFilePermissions.fromString("rwx------");
    if (runAs.isPresent()) {
      String user = runAs.get();
      UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
      UserPrincipal owner = lookup.lookupPrincipalByName(user);
      GroupPrincipal group = lookup.lookupPrincipalByGroupName(primaryGroup(user));
      if (!owner.equals(Files.getOwner(dataDir, LinkOption.NOFOLLOW_LINKS))) {
        chownRecursively(dataDir, owner, group);
      }
      Files.setPosixFilePermissions(dataDir, owner700);
      // PostgreSQL must be able to reach its directory: every ancestor needs search permission
      ProcResult r = run(List.of("test", "-x", dataDir.toString(), "-a", "-w", dataDir.toString()));
      if (r.exitCode != 0) {
        throw new IllegalStateException(
            "PostgreSQL runs as OS user '"
                + user
                + "' (the JVM runs as root), but that user cannot reach "
                + dataDir
                + "; give it search permission on every parent directory (e.g. chmod o+x) or"
                + " choose a data directory outside of private directories such as /root");
      }
    } else {
      Files.setPosixFilePermissions(dataDir, owner700);
    }
  }

  private static void chownRecursively(Path root, UserPrincipal owner, GroupPrincipal group)
      throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        PosixFileAttributeView v =
            Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        v.setOwner(owner);
        v.setGroup(group);
      }
    }
  }

  private String readOrCreatePassword() throws IOException {
    Path file = dataDir.resolve("password");
    if (Files.exists(file)) {
      String pw = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (pw.isEmpty()) {
        throw new IllegalStateException("password file " + file + " is empty");
      }
      return pw;
    }
    if (isInitialized()) {
      throw new IllegalStateException(
          "PostgreSQL cluster "
              + pgData
              + " exists but its password file "
              + file
              + " is missing; restore it or remove the data directory");
    }
    byte[] raw = new byte[24];
    new SecureRandom().nextBytes(raw);
    String pw = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Path tmp = dataDir.resolve("password.tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, pw + "\n", StandardCharsets.UTF_8);
    chownToRunUser(tmp);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return pw;
  }

  private boolean isInitialized() {
    return Files.isRegularFile(pgData.resolve("PG_VERSION"));
  }

  /**
   * Runs initdb into a scratch directory and renames it, so a crash never leaves half a cluster.
   */
  private void initdb() throws IOException {
    Path scratch = dataDir.resolve("pgdata.init");
    deleteRecursively(scratch);
    deleteRecursively(pgData); // no PG_VERSION: not a usable cluster
    ProcResult r = null;
    for (String locale : List.of("C.UTF-8", "C")) {
      r =
          run(
              List.of(
                  binDir.resolve("initdb").toString(),
                  "-D",
                  scratch.toString(),
                  "-U",
                  USER,
                  "--auth=scram-sha-256",
                  "--pwfile=" + dataDir.resolve("password"),
                  "-E",
                  "UTF8",
                  "--locale=" + locale,
                  "--no-instructions"),
              300);
      if (r.exitCode == 0) {
        break;
      }
      deleteRecursively(scratch);
    }
    if (r.exitCode != 0) {
      throw new IllegalStateException(
          "initdb failed (exit " + r.exitCode + ") in " + scratch + ":\n" + tail(r.output));
    }
    Files.move(scratch, pgData, StandardCopyOption.ATOMIC_MOVE);
  }

  private void checkVersion() {
    Integer dataMajor = readMajorVersion(pgData);
    Integer binMajor = binaryMajorVersion(binDir);
    if (dataMajor != null && binMajor != null && !dataMajor.equals(binMajor)) {
      throw new IllegalStateException(
          "PostgreSQL cluster "
              + pgData
              + " was made by PostgreSQL "
              + dataMajor
              + " but the binaries in "
              + binDir
              + " are version "
              + binMajor
              + "; set "
              + ENV_PG_BIN
              + " to the bin directory of PostgreSQL "
              + dataMajor);
    }
  }

  private void rotateLog() throws IOException {
    Path log = logFile();
    if (Files.exists(log) && Files.size(log) > MAX_LOG_BYTES) {
      Files.move(log, dataDir.resolve("server.log.1"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Deals with a {@code postmaster.pid} left by an earlier run. When its postmaster is still
   * running (the JVM that started it died without stopping it) the server is reused. When the
   * process is gone, or the pid now belongs to something that is not this cluster's postmaster, the
   * stale file is removed so the new postmaster does not refuse to start.
   */
  private boolean adoptRunningServer() throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return false;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    long pid = lines.isEmpty() ? -1 : parseLongOr(lines.get(0).strip(), -1);
    boolean alive =
        pid > 0
            && ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(h -> h.info().commandLine().orElse(""))
                .map(cl -> cl.contains("postgres") && cl.contains(pgData.toString()))
                .orElse(false);
    if (alive) {
      ProcResult status = run(List.of(pgCtl(), "status", "-D", pgData.toString()));
      int filePort = lines.size() > 3 ? (int) parseLongOr(lines.get(3).strip(), -1) : -1;
      if (status.exitCode == 0 && filePort > 0) {
        port = filePort;
        return true;
      }
    }
    Files.deleteIfExists(pidFile);
    return false;
  }

  private void startServer() throws IOException {
    List<Integer> tried = new ArrayList<>();
    Integer previous = readPreviousPort();
    String lastFailure = "";
    for (int attempt = 0; attempt < MAX_PORT_ATTEMPTS; attempt++) {
      int candidate =
          (attempt == 0 && previous != null && isPortFree(previous)) ? previous : freePort();
      tried.add(candidate);
      long logOffset = Files.exists(logFile()) ? Files.size(logFile()) : 0;
      List<String> cmd =
          List.of(
              pgCtl(),
              "start",
              "-D",
              pgData.toString(),
              "-l",
              logFile().toString(),
              "-w",
              "-t",
              String.valueOf(START_TIMEOUT_SECONDS),
              "-o",
              serverOptions(candidate));
      ProcResult r = run(cmd, START_TIMEOUT_SECONDS + 10);
      if (r.exitCode == 0) {
        port = candidate;
        Files.writeString(dataDir.resolve("port"), candidate + "\n", StandardCharsets.UTF_8);
        chownToRunUser(dataDir.resolve("port"));
        return;
      }
      String newLog = readLogFrom(logOffset);
      lastFailure = r.output.strip() + "\n" + newLog;
      // a port taken between probing and binding: try another one
      if (!newLog.contains("could not bind") && !newLog.contains("Address already in use")) {
        break;
      }
      // make sure a half-started postmaster is not left behind
      run(List.of(pgCtl(), "stop", "-D", pgData.toString(), "-m", "immediate"));
    }
    throw new IllegalStateException(
        "PostgreSQL did not start (data directory "
            + pgData
            + ", ports tried "
            + tried
            + "):\n"
            + tail(lastFailure)
            + logTailMessage());
  }

  String serverOptions(int p) {
    StringBuilder o = new StringBuilder();
    o.append("-p ").append(p);
    o.append(" -c listen_addresses=127.0.0.1");
    // The socket is only for local tools (psql -h <dataDir>); Unix socket paths are limited in
    // length, and TCP is what kpg uses, so no socket when the directory path is too long.
    String socketDir =
        (dataDir + "/.s.PGSQL.65535").length() <= MAX_SOCKET_PATH ? dataDir.toString() : "";
    o.append(" -k ").append(shellQuote(socketDir));
    for (String s : SETTINGS) {
      o.append(" -c ").append(s);
    }
    return o.toString();
  }

  private void awaitConnections() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      try (Connection c = connectTo("postgres")) {
        c.createStatement().close();
        return;
      } catch (SQLException e) {
        last = e;
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new IllegalStateException(
        "PostgreSQL on port " + port + " does not accept connections: " + last + logTailMessage(),
        last);
  }

  private void createDatabase() {
    try (Connection c = connectTo("postgres")) {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        ps.setString(1, DATABASE);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      try (Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER + " ENCODING 'UTF8'");
      } catch (SQLException e) {
        if (!"42P04".equals(e.getSQLState())) { // duplicate_database: created concurrently
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + DATABASE + ": " + e, e);
    }
  }

  private Connection connectTo(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "5");
    // the driver directly: DriverManager may not see it from Quarkus's class loaders
    return new org.postgresql.Driver().connect(jdbcUrl(database), props);
  }

  private boolean isServerAlive() {
    return run(List.of(pgCtl(), "status", "-D", pgData.toString())).exitCode == 0;
  }

  private String pgCtl() {
    return binDir.resolve("pg_ctl").toString();
  }

  private Path logFile() {
    return dataDir.resolve("server.log");
  }

  private Integer readPreviousPort() {
    try {
      Path f = dataDir.resolve("port");
      if (!Files.exists(f)) {
        return null;
      }
      long p = parseLongOr(Files.readString(f, StandardCharsets.UTF_8).strip(), -1);
      return p > 0 && p < 65536 ? (int) p : null;
    } catch (IOException e) {
      return null;
    }
  }

  private void chownToRunUser(Path p) throws IOException {
    if (runAs.isEmpty()) {
      return;
    }
    UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
    PosixFileAttributeView v =
        Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    v.setOwner(lookup.lookupPrincipalByName(runAs.get()));
    v.setGroup(lookup.lookupPrincipalByGroupName(primaryGroup(runAs.get())));
  }

  private String readLogFrom(long offset) {
    try {
      Path log = logFile();
      if (!Files.exists(log)) {
        return "";
      }
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(Math.max(0, offset), all.length);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private String logTailMessage() {
    String t = tail(readLogFrom(0));
    return t.isBlank() ? "" : "\n--- last lines of " + logFile() + " ---\n" + t;
  }

  static String tail(String text) {
    String[] lines = text.split("\n", -1);
    int from = Math.max(0, lines.length - LOG_TAIL_LINES);
    return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length)).strip();
  }

  // ---------------------------------------------------------------- processes

  record ProcResult(int exitCode, String output) {}

  private ProcResult run(List<String> command) {
    return run(command, 30);
  }

  /** Runs a command (as the unprivileged user when root) and collects stdout+stderr. */
  private ProcResult run(List<String> command, int timeoutSeconds) {
    List<String> full = new ArrayList<>();
    if (runAs.isPresent()) {
      full.addAll(dropPrivileges(runAs.get()));
    }
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
    // the unprivileged user may not be allowed into the JVM's working directory
    pb.directory(dataDir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PG")); // PGDATA, PGPORT... must not interfere
    env.put("LC_MESSAGES", "C");
    return exec(pb, full, timeoutSeconds);
  }

  private static ProcResult exec(ProcessBuilder pb, List<String> full, int timeoutSeconds) {
    try {
      Path out = Files.createTempFile("kpg-pg", ".out");
      try {
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(5, TimeUnit.SECONDS);
          return new ProcResult(
              -1, "timed out after " + timeoutSeconds + "s: " + String.join(" ", full));
        }
        return new ProcResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", full) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + full.get(0), e);
    }
  }

  static List<String> dropPrivileges(String user) {
    if (Files.isExecutable(Path.of("/usr/sbin/runuser")) || onPath("runuser")) {
      return List.of("runuser", "-u", user, "--");
    }
    if (onPath("setpriv")) {
      return List.of(
          "setpriv",
          "--reuid=" + user,
          "--regid=" + primaryGroup(user),
          "--init-groups",
          "--reset-env");
    }
    throw new IllegalStateException(
        "running as root and neither runuser nor setpriv is available to run PostgreSQL as '"
            + user
            + "'");
  }

  private static boolean onPath(String prog) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, prog))) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- users

  static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  static String unprivilegedUser() {
    return userExists("postgres") ? "postgres" : "nobody";
  }

  private static boolean userExists(String name) {
    return passwdEntry(name) != null;
  }

  private static String[] passwdEntry(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
        String[] f = line.split(":", -1);
        if (f.length >= 4 && f[0].equals(name)) {
          return f;
        }
      }
    } catch (IOException e) {
      // fall through
    }
    ProcResult r = exec(new ProcessBuilder("getent", "passwd", name), List.of("getent"), 10);
    if (r.exitCode == 0) {
      String[] f = r.output.strip().split(":", -1);
      if (f.length >= 4) {
        return f;
      }
    }
    return null;
  }

  /** Name of the user's primary group (by gid), falling back to the user name. */
  static String primaryGroup(String user) {
    String[] pw = passwdEntry(user);
    if (pw == null) {
      return user;
    }
    String gid = pw[3];
    try {
      for (String line : Files.readAllLines(Path.of("/etc/group"), StandardCharsets.UTF_8)) {
        String[] f = line.split(":", -1);
        if (f.length >= 3 && f[2].equals(gid)) {
          return f[0];
        }
      }
    } catch (IOException e) {
      // fall through
    }
    ProcResult r = exec(new ProcessBuilder("getent", "group", gid), List.of("getent"), 10);
    if (r.exitCode == 0 && r.output.contains(":")) {
      return r.output.substring(0, r.output.indexOf(':'));
    }
    return user;
  }

  // ---------------------------------------------------------------- binaries

  /**
   * Finds the directory with initdb, pg_ctl and postgres: {@code $KPG_PG_BIN}; else {@code
   * pg_config --bindir} when it holds initdb; else the newest {@code /usr/lib/postgresql/<v>/bin}.
   * When an existing cluster's major version is known and a matching bin directory is installed it
   * is preferred over a different version from pg_config or the newest one.
   */
  static Path findBinDir(Map<String, String> env, Integer existingMajor) {
    String fromEnv = env.get(ENV_PG_BIN);
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path p = Path.of(fromEnv.strip());
      if (!hasServerPrograms(p)) {
        throw new IllegalStateException(
            ENV_PG_BIN + "=" + fromEnv + " does not contain initdb, pg_ctl and postgres");
      }
      return p;
    }
    if (existingMajor != null) {
      Path matching = DEFAULT_SCAN_ROOT.resolve(existingMajor.toString()).resolve("bin");
      if (hasServerPrograms(matching)) {
        return matching;
      }
    }
    Path fromPgConfig = pgConfigBinDir();
    if (fromPgConfig != null && hasServerPrograms(fromPgConfig)) {
      return fromPgConfig;
    }
    Path scanned = newestBinDir(DEFAULT_SCAN_ROOT);
    if (scanned != null) {
      return scanned;
    }
    throw new IllegalStateException(
        "PostgreSQL server binaries not found: set "
            + ENV_PG_BIN
            + " to the directory containing initdb and pg_ctl, or install the PostgreSQL server"
            + " (e.g. apt-get install postgresql)");
  }

  static Path newestBinDir(Path root) {
    if (!Files.isDirectory(root)) {
      return null;
    }
    List<Path> candidates = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path v : ds) {
        if (versionKey(v.getFileName().toString()) != null && hasServerPrograms(v.resolve("bin"))) {
          candidates.add(v.resolve("bin"));
        }
      }
    } catch (IOException e) {
      return null;
    }
    return candidates.stream()
        .max(
            Comparator.comparing(
                (Path b) -> versionKey(b.getParent().getFileName().toString()),
                EmbeddedPostgres::compareVersions))
        .orElse(null);
  }

  private static int[] versionKey(String name) {
    if (!name.matches("\\d+(\\.\\d+)*")) {
      return null;
    }
    String[] parts = name.split("\\.");
    int[] key = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      key[i] = Integer.parseInt(parts[i]);
    }
    return key;
  }

  private static int compareVersions(int[] a, int[] b) {
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length ? a[i] : 0;
      int y = i < b.length ? b[i] : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static boolean hasServerPrograms(Path dir) {
    return Files.isExecutable(dir.resolve("initdb"))
        && Files.isExecutable(dir.resolve("pg_ctl"))
        && Files.isExecutable(dir.resolve("postgres"));
  }

  private static Path pgConfigBinDir() {
    if (!onPath("pg_config")) {
      return null;
    }
    ProcResult r = exec(new ProcessBuilder("pg_config", "--bindir"), List.of("pg_config"), 10);
    if (r.exitCode != 0 || r.output.isBlank()) {
      return null;
    }
    return Path.of(r.output.strip().lines().findFirst().orElse(""));
  }

  private static Integer readMajorVersion(Path pgData) {
    try {
      Path f = pgData.resolve("PG_VERSION");
      if (!Files.isRegularFile(f)) {
        return null;
      }
      String v = Files.readString(f, StandardCharsets.UTF_8).strip();
      return Integer.valueOf(v.split("\\.")[0]);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)");

  private static Integer binaryMajorVersion(Path binDir) {
    ProcResult r =
        exec(
            new ProcessBuilder(binDir.resolve("pg_ctl").toString(), "--version"),
            List.of("pg_ctl"),
            10);
    Matcher m = VERSION.matcher(r.output);
    return r.exitCode == 0 && m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  // ---------------------------------------------------------------- helpers

  static boolean isPortFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true); // as PostgreSQL does: TIME_WAIT connections do not block it
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free TCP port on 127.0.0.1", e);
    }
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static long parseLongOr(String s, long dflt) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Waits at most {@code timeout} for the server to stop accepting connections (for tests). */
  boolean awaitStopped(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (isPortFree(port)) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "EmbeddedPostgres[" + dataDir + ", port " + port + (running ? ", running]" : "]");
  }
}
