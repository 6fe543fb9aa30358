package io.kpg.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against a private PostgreSQL started the way kpg starts its embedded one. */
class PkiTest {
  static EmbeddedPostgres pg;
  static String ADMIN_URL;
  static String PG_USER;
  static String PG_PASSWORD;

  static String dbName;
  static String dbUrl;

  @BeforeAll
  static void createScratchDatabase() throws Exception {
    pg =
        EmbeddedPostgres.start(
            io.kpg.server.KpgMain.Bootstrap.postgresDir(
                java.nio.file.Path.of("target", "pki-test").toAbsolutePath()));
    ADMIN_URL = pg.jdbcUrl("postgres");
    PG_USER = pg.user();
    PG_PASSWORD = pg.password();
    dbName = "kpg_pki_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(ADMIN_URL, PG_USER, PG_PASSWORD);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + dbName);
    }
    dbUrl = pg.jdbcUrl(dbName);
  }

  @AfterAll
  static void dropScratchDatabase() throws Exception {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, PG_USER, PG_PASSWORD);
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
    }
    pg.stop();
  }

  @BeforeEach
  void migrateAndClearSecrets() throws Exception {
    Migrations.migrate(dbUrl, PG_USER, PG_PASSWORD);
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute("DELETE FROM cluster_secrets");
    }
  }

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(dbUrl, PG_USER, PG_PASSWORD);
  }

  @Test
  void migrationsFindTheScriptsAndAreIdempotent() throws Exception {
    Map<String, String> scripts = Migrations.findScripts(Migrations.class.getClassLoader());
    assertTrue(scripts.containsKey("V1__objects_changelog_pki.sql"), scripts.keySet().toString());
    assertEquals(0, Migrations.migrate(dbUrl, PG_USER, PG_PASSWORD));
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM flyway_schema_history WHERE success AND script = "
                    + "'V1__objects_changelog_pki.sql'")) {
      rs.next();
      assertEquals(1, rs.getInt(1));
    }
  }

  @Test
  void concurrentMigrationsOnAFreshDatabaseApplyEachScriptOnce() throws Exception {
    String name = dbName + "_m";
    try (Connection c = DriverManager.getConnection(ADMIN_URL, PG_USER, PG_PASSWORD);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    try {
      String url = pg.jdbcUrl(name);
      List<Integer> applied =
          runConcurrently(3, () -> Migrations.migrate(url, PG_USER, PG_PASSWORD));
      int scripts = Migrations.findScripts(Migrations.class.getClassLoader()).size();
      assertEquals(scripts, applied.stream().mapToInt(Integer::intValue).sum(), applied.toString());
      assertTrue(applied.contains(0), applied.toString());
      try (Connection c = DriverManager.getConnection(url, PG_USER, PG_PASSWORD);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM cluster_secrets")) {
        assertTrue(rs.next());
      }
    } finally {
      try (Connection c = DriverManager.getConnection(ADMIN_URL, PG_USER, PG_PASSWORD);
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  @Test
  void migrationFailureIsAClearError() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Migrations.migrate(
                    pg.jdbcUrl("kpg_no_such_db_" + System.nanoTime()), PG_USER, PG_PASSWORD));
    assertTrue(e.getMessage().contains("migration failed"), e.getMessage());
  }

  @Test
  void loadOrCreateTwiceReturnsTheSamePki() throws Exception {
    Pki first;
    Pki second;
    try (Connection c = connect()) {
      first = Pki.loadOrCreate(c);
      assertTrue(c.getAutoCommit(), "auto-commit restored");
    }
    try (Connection c = connect()) {
      second = Pki.loadOrCreate(c);
    }
    assertEquals(first.pems(), second.pems());
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM cluster_secrets ORDER BY name")) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      assertEquals(
          List.of("admin.crt", "admin.key", "ca.crt", "ca.key", "server.crt", "server.key"), names);
    }
  }

  @Test
  void concurrentReplicasCreateThePkiOnce() throws Exception {
    List<Pki> all =
        runConcurrently(
            4,
            () -> {
              try (Connection c = connect()) {
                return Pki.loadOrCreate(c);
              }
            });
    Set<String> cas = new HashSet<>();
    Set<String> servers = new HashSet<>();
    for (Pki p : all) {
      cas.add(p.caCertPem());
      servers.add(p.serverCertPem());
    }
    assertEquals(1, cas.size());
    assertEquals(1, servers.size());
  }

  @Test
  void certificatesChainToTheCa() throws Exception {
    Pki pki;
    try (Connection c = connect()) {
      pki = Pki.loadOrCreate(c);
    }
    X509Certificate ca = pki.caCertificate();
    ca.verify(ca.getPublicKey()); // self-signed
    assertEquals("CN=kpg-ca", ca.getSubjectX500Principal().getName());
    assertTrue(ca.getBasicConstraints() >= 0, "CA flag");
    assertTrue(ca.getKeyUsage()[5], "keyCertSign");
    assertEquals("EC", ca.getPublicKey().getAlgorithm());
    assertTrue(
        ca.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(3600))),
        "about 10 years");

    X509Certificate server = pki.serverCertificate();
    X509Certificate admin = pki.adminCertificate();
    server.verify(ca.getPublicKey());
    admin.verify(ca.getPublicKey());
    assertEquals(-1, server.getBasicConstraints());
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage()); // serverAuth
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), admin.getExtendedKeyUsage()); // clientAuth
    validatePath(server, ca);
    validatePath(admin, ca);

    // a certificate from another CA does not verify against this one
    Pki other = Pki.generate(List.of());
    assertThrows(
        java.security.SignatureException.class,
        () -> other.serverCertificate().verify(ca.getPublicKey()));
    assertThrows(Exception.class, () -> validatePath(other.serverCertificate(), ca));
  }

  @Test
  void serverCertificateNames() throws Exception {
    Pki pki;
    try (Connection c = connect()) {
      pki = Pki.loadOrCreate(c, List.of("kpg.example.com", "10.0.0.7"));
    }
    Collection<List<?>> sans = pki.serverCertificate().getSubjectAlternativeNames();
    Set<String> dns = new HashSet<>();
    Set<String> ips = new HashSet<>();
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      if (type == 2) {
        dns.add((String) san.get(1));
      } else if (type == 7) {
        ips.add((String) san.get(1));
      }
    }
    assertTrue(
        dns.containsAll(
            List.of(
                "localhost",
                "kubernetes",
                "kubernetes.default",
                "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local",
                "kpg.example.com")),
        dns.toString());
    String host = Pki.hostname();
    assertTrue(host != null && dns.contains(host), host + " in " + dns);
    // the JDK prints IPv6 addresses in full form
    assertEquals(Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "10.0.0.7"), ips);
  }

  @Test
  void adminCertificateIsSystemMasters() throws Exception {
    Pki pki;
    try (Connection c = connect()) {
      pki = Pki.loadOrCreate(c);
    }
    assertEquals(
        Map.of("CN", List.of("kpg-admin"), "O", List.of("system:masters")),
        subject(pki.adminCertificate()));
  }

  @Test
  void keysArePkcs8AndMatchTheirCertificates() throws Exception {
    Pki pki;
    try (Connection c = connect()) {
      pki = Pki.loadOrCreate(c);
    }
    for (String keyPem : List.of(pki.caKeyPem(), pki.serverKeyPem(), pki.adminKeyPem())) {
      assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"), keyPem);
      assertTrue(keyPem.strip().endsWith("-----END PRIVATE KEY-----"), keyPem);
    }
    for (String certPem : List.of(pki.caCertPem(), pki.serverCertPem(), pki.adminCertPem())) {
      assertTrue(certPem.startsWith("-----BEGIN CERTIFICATE-----\n"), certPem);
    }
    assertMatches(Pki.parsePrivateKey(pki.caKeyPem()), pki.caCertificate().getPublicKey());
    assertMatches(Pki.parsePrivateKey(pki.serverKeyPem()), pki.serverCertificate().getPublicKey());
    assertMatches(Pki.parsePrivateKey(pki.adminKeyPem()), pki.adminCertificate().getPublicKey());
    // and a mismatched pair is detected by the same check
    assertThrows(
        AssertionError.class,
        () ->
            assertMatches(
                Pki.parsePrivateKey(pki.serverKeyPem()), pki.adminCertificate().getPublicKey()));
    // the JDK's own PKCS#8 decoding accepts the key (what Vert.x's PEM loader relies on)
    String b64 =
        pki.serverKeyPem()
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    PrivateKey jdk =
        java.security.KeyFactory.getInstance("EC")
            .generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(
                    java.util.Base64.getDecoder().decode(b64)));
    assertArrayEquals(Pki.parsePrivateKey(pki.serverKeyPem()).getEncoded(), jdk.getEncoded());
  }

  @Test
  void missingServerCertificateIsReissuedByTheExistingCa() throws Exception {
    Pki first;
    try (Connection c = connect()) {
      first = Pki.loadOrCreate(c);
    }
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute("DELETE FROM cluster_secrets WHERE name IN ('server.crt')");
    }
    Pki second;
    try (Connection c = connect()) {
      second = Pki.loadOrCreate(c);
    }
    assertEquals(first.caCertPem(), second.caCertPem());
    assertEquals(first.adminCertPem(), second.adminCertPem());
    assertNotEquals(first.serverCertPem(), second.serverCertPem());
    second.serverCertificate().verify(second.caCertificate().getPublicKey());
    assertMatches(
        Pki.parsePrivateKey(second.serverKeyPem()), second.serverCertificate().getPublicKey());
  }

  @Test
  void failureRollsBackAndRestoresAutoCommit() throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO cluster_secrets (name, value) VALUES ('ca.crt', 'not a pem')");
      st.execute("INSERT INTO cluster_secrets (name, value) VALUES ('ca.key', 'not a pem')");
    }
    try (Connection c = connect()) {
      assertThrows(IllegalArgumentException.class, () -> Pki.loadOrCreate(c));
      assertTrue(c.getAutoCommit());
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM cluster_secrets")) {
        rs.next();
        assertEquals(2, rs.getInt(1));
      }
    }
  }

  @Test
  void issueClientCert() throws Exception {
    Pki pki = Pki.generate(List.of());
    Pki.Issued alice =
        pki.issueClientCert("alice", List.of("developers", "team-a"), Duration.ofHours(2));
    X509Certificate cert = alice.certificate();
    cert.verify(pki.caCertificate().getPublicKey());
    validatePath(cert, pki.caCertificate());
    assertEquals(
        Map.of("CN", List.of("alice"), "O", List.of("developers", "team-a")), subject(cert));
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());
    long hours =
        Duration.between(Instant.now(), cert.getNotAfter().toInstant()).plusMinutes(1).toHours();
    assertEquals(2, hours);
    assertTrue(alice.keyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
    assertMatches(alice.privateKey(), cert.getPublicKey());

    Pki.Issued sa =
        pki.issueClientCert("system:serviceaccount:default:builder", List.of(), Duration.ofDays(1));
    assertEquals(
        Map.of("CN", List.of("system:serviceaccount:default:builder")), subject(sa.certificate()));
    assertThrows(
        IllegalArgumentException.class, () -> pki.issueClientCert("", List.of(), Duration.ZERO));
  }

  @Test
  void writeFilesForQuarkusTls(@TempDir Path dir) throws Exception {
    Pki pki = Pki.generate(List.of());
    Path tls = dir.resolve("tls");
    pki.writeFiles(tls);
    assertEquals(pki.caCertPem(), Files.readString(tls.resolve("ca.crt")));
    assertEquals(pki.serverCertPem(), Files.readString(tls.resolve("server.crt")));
    assertEquals(pki.serverKeyPem(), Files.readString(tls.resolve("server.key")));
    for (String f : List.of("ca.crt", "server.crt", "server.key")) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(f))),
          f);
    }
    try (var s = Files.list(tls)) {
      assertEquals(3, s.count(), "no temporary files left");
    }
    // rewriting replaces the contents
    Pki other = Pki.generate(List.of());
    other.writeFiles(tls);
    assertEquals(other.serverKeyPem(), Files.readString(tls.resolve("server.key")));
    assertTrue(
        Files.readString(tls.resolve("ca.crt"), StandardCharsets.UTF_8)
            .startsWith("-----BEGIN CERTIFICATE-----"));
  }

  // ------------------------------------------------------------------ helpers

  static void validatePath(X509Certificate leaf, X509Certificate ca) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(leaf)), params);
  }

  static void assertMatches(PrivateKey key, PublicKey pub) throws Exception {
    byte[] data = "kpg".getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(data);
    byte[] sig = s.sign();
    Signature v = Signature.getInstance("SHA256withECDSA");
    try {
      v.initVerify(pub);
    } catch (InvalidKeyException e) {
      throw new AssertionError(e);
    }
    v.update(data);
    assertTrue(v.verify(sig), "private key matches the certificate");
  }

  static Map<String, List<String>> subject(X509Certificate cert) throws Exception {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
      out.computeIfAbsent(rdn.getType(), k -> new ArrayList<>()).add(rdn.getValue().toString());
    }
    // LdapName.getRdns() is in certificate (ASN.1) order, the reverse of the RFC 2253 string
    return out;
  }

  static <T> List<T> runConcurrently(int n, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CyclicBarrier barrier = new CyclicBarrier(n);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  barrier.await(30, TimeUnit.SECONDS);
                  return task.call();
                }));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get(120, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
