package io.kpg.server.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Applies the schema migrations ({@code migrations/} in the source tree, {@code db/migration} on
 * the classpath) with Flyway, before Quarkus boots.
 *
 * <p>The scripts are found by this class itself (directory or jar of the classpath entry) and
 * handed to Flyway, so migrating works the same from {@code target/classes}, a plain jar and
 * Quarkus's runner class loader, and a build without scripts fails instead of silently migrating
 * nothing.
 *
 * <p>Several replicas may start at once: the run is serialized by a session-level advisory lock, in
 * addition to the lock Flyway itself takes on its history table.
 */
public final class Migrations {
  /** Classpath directory holding the SQL scripts. */
  public static final String LOCATION = "db/migration";

  /** Advisory lock key serializing migrations across replicas ("kpgmigr"). */
  static final long LOCK_KEY = 0x6b70676d69677200L;

  private Migrations() {}

  /**
   * Migrates the database to the newest schema.
   *
   * @return the number of migrations applied by this call (0 when already up to date)
   * @throws IllegalStateException when no scripts are found or a migration fails
   */
  public static int migrate(String jdbcUrl, String user, String password) {
    Map<String, String> scripts = findScripts(Migrations.class.getClassLoader());
    if (scripts.isEmpty()) {
      throw new IllegalStateException(
          "no migration scripts found on the classpath under " + LOCATION);
    }
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    try (Connection lock = new org.postgresql.Driver().connect(jdbcUrl, props)) {
      if (lock == null) {
        throw new IllegalStateException("not a PostgreSQL JDBC URL: " + jdbcUrl);
      }
      try (Statement st = lock.createStatement()) {
        st.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
      }
      try {
        Flyway flyway =
            Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(jdbcUrl, user, password)
                .resourceProvider(new ScriptProvider(scripts))
                .javaMigrationClassProvider(List::of)
                .locations("classpath:" + LOCATION)
                .validateMigrationNaming(true)
                .load();
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
      } finally {
        try (Statement st = lock.createStatement()) {
          st.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof IllegalStateException) {
        throw e;
      }
      throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
    }
  }

  /** File name → script text of every {@code .sql} file directly under {@link #LOCATION}. */
  static Map<String, String> findScripts(ClassLoader cl) {
    Map<String, String> scripts = new TreeMap<>();
    try {
      List<URL> roots = new ArrayList<>();
      Enumeration<URL> e = cl.getResources(LOCATION);
      while (e.hasMoreElements()) {
        roots.add(e.nextElement());
      }
      for (URL u : roots) {
        collect(u, scripts);
      }
      if (scripts.isEmpty()) {
        // class loaders that do not list directories: look next to this class
        var cs = Migrations.class.getProtectionDomain().getCodeSource();
        if (cs != null && cs.getLocation() != null) {
          Path base = Path.of(cs.getLocation().toURI());
          if (Files.isDirectory(base)) {
            collectDir(base.resolve(LOCATION), scripts);
          } else if (Files.isRegularFile(base)) {
            collectJar(base, scripts);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration scripts", e);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot locate migration scripts: " + e, e);
    }
    return scripts;
  }

  private static void collect(URL u, Map<String, String> scripts)
      throws IOException, URISyntaxException {
    switch (u.getProtocol()) {
      case "file" -> collectDir(Path.of(u.toURI()), scripts);
      case "jar" -> {
        var conn = u.openConnection();
        if (conn instanceof JarURLConnection jc) {
          jc.setUseCaches(false);
          Path jar = Path.of(jc.getJarFileURL().toURI());
          collectJar(jar, scripts);
        } else {
          String s = u.toString();
          int bang = s.indexOf("!/");
          if (bang > 0) {
            collectJar(Path.of(new URL(s.substring(4, bang)).toURI()), scripts);
          }
        }
      }
      default -> {
        // unknown protocol: the code-source fallback handles it
      }
    }
  }

  private static void collectDir(Path dir, Map<String, String> scripts) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(".sql") && Files.isRegularFile(p)) {
          scripts.putIfAbsent(name, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
  }

  private static void collectJar(Path jarPath, Map<String, String> scripts) throws IOException {
    try (JarFile jar = new JarFile(jarPath.toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      String prefix = LOCATION + "/";
      while (entries.hasMoreElements()) {
        JarEntry je = entries.nextElement();
        String n = je.getName();
        if (!je.isDirectory()
            && n.startsWith(prefix)
            && n.endsWith(".sql")
            && n.indexOf('/', prefix.length()) < 0) {
          try (InputStream in = jar.getInputStream(je)) {
            scripts.putIfAbsent(
                n.substring(prefix.length()),
                new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
  }

  /** Hands the scripts found above to Flyway instead of its own classpath scanner. */
  private static final class ScriptProvider implements ResourceProvider {
    private final Map<String, String> scripts;

    ScriptProvider(Map<String, String> scripts) {
      this.scripts = scripts;
    }

    @Override
    public LoadableResource getResource(String name) {
      String file = name.substring(name.lastIndexOf('/') + 1);
      String text = scripts.get(file);
      return text == null ? null : new Script(file, text);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
      List<LoadableResource> out = new ArrayList<>();
      for (Map.Entry<String, String> e : scripts.entrySet()) {
        String name = e.getKey();
        if (!name.startsWith(prefix)) {
          continue;
        }
        for (String suffix : suffixes) {
          if (name.endsWith(suffix)) {
            out.add(new Script(name, e.getValue()));
            break;
          }
        }
      }
      return out;
    }
  }

  private static final class Script extends LoadableResource {
    private final String name;
    private final String text;

    Script(String name, String text) {
      this.name = name;
      this.text = text;
    }

    @Override
    public Reader read() {
      return new StringReader(text);
    }

    @Override
    public String getAbsolutePath() {
      return LOCATION + "/" + name;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return LOCATION + "/" + name;
    }

    @Override
    public String getFilename() {
      return name;
    }

    @Override
    public String getRelativePath() {
      return name;
    }
  }
}
