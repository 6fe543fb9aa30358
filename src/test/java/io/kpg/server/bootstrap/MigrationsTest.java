package io.kpg.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the scripts without a database (the database side is covered in PkiTest). */
class MigrationsTest {

  @Test
  void scriptsFromAJar(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      // directory entries, as Maven's jar plugin writes them
      out.putNextEntry(new JarEntry("db/"));
      out.closeEntry();
      out.putNextEntry(new JarEntry("db/migration/"));
      out.closeEntry();
      put(out, "db/migration/V1__one.sql", "create table a (x int);");
      put(out, "db/migration/V2__two.sql", "create table b (x int);");
      put(out, "db/migration/README.txt", "not a script");
      put(out, "db/migration/nested/V3__no.sql", "not directly under the location");
      put(out, "other/V9__no.sql", "elsewhere");
    }
    try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      Map<String, String> scripts = Migrations.findScripts(cl);
      assertEquals(
          Map.of(
              "V1__one.sql", "create table a (x int);", "V2__two.sql", "create table b (x int);"),
          scripts);
    }
  }

  @Test
  void scriptsFromADirectory(@TempDir Path dir) throws Exception {
    Path loc = Files.createDirectories(dir.resolve("db/migration"));
    Files.writeString(loc.resolve("V1__dir.sql"), "select 1;");
    try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertEquals(Map.of("V1__dir.sql", "select 1;"), Migrations.findScripts(cl));
    }
  }

  @Test
  void classLoaderThatListsNoDirectoriesFallsBackToTheCodeSource() {
    ClassLoader blind =
        new ClassLoader(null) {
          @Override
          public Enumeration<URL> getResources(String name) {
            return Collections.emptyEnumeration();
          }
        };
    Map<String, String> scripts = Migrations.findScripts(blind);
    assertTrue(scripts.containsKey("V1__objects_changelog_pki.sql"), scripts.keySet().toString());
    assertTrue(scripts.get("V1__objects_changelog_pki.sql").contains("cluster_secrets"));
  }

  private static void put(JarOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
