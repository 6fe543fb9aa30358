package io.kpg.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

class DatabaseUrlTest {

  @Test
  void libpqUrlWithEverything() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://kube:s3cret@db.example.com:6543/kpg");
    assertEquals("jdbc:postgresql://db.example.com:6543/kpg", u.jdbcUrl());
    assertEquals("kube", u.user());
    assertEquals("s3cret", u.password());
  }

  @Test
  void postgresSchemeAndDefaultPort() {
    DatabaseUrl u = DatabaseUrl.parse("postgres://kube:pw@db/kpg");
    assertEquals("jdbc:postgresql://db:5432/kpg", u.jdbcUrl());
    assertEquals("kube", u.user());
    assertEquals("pw", u.password());
  }

  @Test
  void percentEncodedUserAndPassword() {
    DatabaseUrl u =
        DatabaseUrl.parse("postgresql://us%40er:p%40ss%3Aw%2Frd%25%20x@127.0.0.1:5432/kpg");
    assertEquals("us@er", u.user());
    assertEquals("p@ss:w/rd% x", u.password());
    assertEquals("jdbc:postgresql://127.0.0.1:5432/kpg", u.jdbcUrl());
  }

  @Test
  void unencodedAtSignInPasswordUsesLastAt() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://u:p@ss@h/db");
    assertEquals("u", u.user());
    assertEquals("p@ss", u.password());
    assertEquals("jdbc:postgresql://h:5432/db", u.jdbcUrl());
  }

  @Test
  void userWithoutPassword() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://postgres@localhost/kpg");
    assertEquals("postgres", u.user());
    assertNull(u.password());
  }

  @Test
  void queryParametersPassThroughAndCredentialsAreTakenOut() {
    DatabaseUrl u =
        DatabaseUrl.parse(
            "postgresql://h:1/db?sslmode=require&user=alice&password=a%26b&application_name=kpg");
    assertEquals("alice", u.user());
    assertEquals("a&b", u.password());
    assertEquals("jdbc:postgresql://h:1/db?sslmode=require&ApplicationName=kpg", u.jdbcUrl());
  }

  @Test
  void ipv6AndMultipleHosts() {
    assertEquals(
        "jdbc:postgresql://[::1]:5433/db",
        DatabaseUrl.parse("postgresql://u@[::1]:5433/db").jdbcUrl());
    assertEquals(
        "jdbc:postgresql://[fe80::1]:5432/db",
        DatabaseUrl.parse("postgresql://u@[fe80::1]/db").jdbcUrl());
    assertEquals(
        "jdbc:postgresql://a:5432,b:5433/db?targetServerType=primary",
        DatabaseUrl.parse("postgresql://a,b:5433/db?targetServerType=primary").jdbcUrl());
  }

  @Test
  void databaseDefaultsToUserNameLikeLibpq() {
    assertEquals(
        "jdbc:postgresql://h:5432/kube", DatabaseUrl.parse("postgresql://kube:x@h").jdbcUrl());
    assertEquals(
        "jdbc:postgresql://h:5432/kube", DatabaseUrl.parse("postgresql://kube:x@h/").jdbcUrl());
  }

  @Test
  void databaseNameIsEncodedForPgjdbc() throws Exception {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://u@h/my%20db");
    assertEquals("jdbc:postgresql://h:5432/my+db", u.jdbcUrl());
    // pgjdbc reads it back as the original name
    Properties p = Driver.parseURL(u.jdbcUrl(), new Properties());
    assertEquals("my db", p.getProperty("PGDBNAME"));
  }

  @Test
  void jdbcUrlWithCredentialsInQuery() throws Exception {
    DatabaseUrl u =
        DatabaseUrl.parse(
            "jdbc:postgresql://db.internal:5432/kpg?user=kube&password=p%3Dw%26d&ssl=true");
    assertEquals("kube", u.user());
    assertEquals("p=w&d", u.password());
    assertEquals("jdbc:postgresql://db.internal:5432/kpg?ssl=true", u.jdbcUrl());
    Properties p = Driver.parseURL(u.jdbcUrl(), new Properties());
    assertEquals("db.internal", p.getProperty("PGHOST"));
    assertEquals("5432", p.getProperty("PGPORT"));
    assertEquals("kpg", p.getProperty("PGDBNAME"));
    assertEquals("true", p.getProperty("ssl"));
  }

  @Test
  void jdbcUrlWithoutCredentialsOrPort() {
    DatabaseUrl u = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1/postgres");
    assertEquals("jdbc:postgresql://127.0.0.1:5432/postgres", u.jdbcUrl());
    assertNull(u.user());
    assertNull(u.password());
    assertEquals(
        "jdbc:postgresql://localhost:5432/kpg", DatabaseUrl.parse("jdbc:postgresql:kpg").jdbcUrl());
  }

  @Test
  void schemeIsCaseInsensitiveAndWhitespaceIsTrimmed() {
    assertEquals(
        "jdbc:postgresql://h:5432/db", DatabaseUrl.parse("  PostgreSQL://u@h/db \n").jdbcUrl());
  }

  @Test
  void badInput() {
    for (String bad :
        new String[] {
          null,
          "",
          "   ",
          "mysql://u:p@h/db",
          "h:5432/db",
          "jdbc:mysql://h/db",
          "postgresql://u:p@h:notaport/db",
          "postgresql://u:p@h:70000/db",
          "postgresql://u:p@h:0/db",
          "postgresql://u:p@h:-1/db",
          "postgresql://u:p@[::1/db",
          "postgresql://u:p@[::1]x/db",
          "postgresql://u:p%zz@h/db",
          "postgresql://u:p%4@h/db",
          "postgresql://h",
          "postgresql://:pw@h/db",
          "postgresql://u@a,,b/db",
          "postgresql:///db?host=/var/run/postgresql",
          "postgresql://u@h/db?=x",
        }) {
      assertThrows(
          IllegalArgumentException.class, () -> DatabaseUrl.parse(bad), String.valueOf(bad));
    }
  }

  @Test
  void errorsAndToStringDoNotLeakThePassword() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatabaseUrl.parse("postgresql://u:topsecret@h:bad/db"));
    assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    assertTrue(e.getMessage().contains("bad"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatabaseUrl.parse("jdbc:postgresql://h:99999/db?password=topsecret"));
    assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    assertFalse(
        DatabaseUrl.parse("postgresql://u:topsecret@h/db").toString().contains("topsecret"));
  }
}
