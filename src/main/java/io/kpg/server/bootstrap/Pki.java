package io.kpg.server.bootstrap;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's certificates: a CA, the API server's serving certificate and an admin client
 * certificate, stored as PEM text in table {@code cluster_secrets} so that every replica serves the
 * same identity.
 *
 * <p>Keys are EC P-256, written as PKCS#8 ({@code BEGIN PRIVATE KEY}). Only the JDK's default
 * security providers are used; BouncyCastle serves as a library (certificate building, PEM), no
 * provider is registered.
 */
public final class Pki {
  public static final String CA_CRT = "ca.crt";
  public static final String CA_KEY = "ca.key";
  public static final String SERVER_CRT = "server.crt";
  public static final String SERVER_KEY = "server.key";
  public static final String ADMIN_CRT = "admin.crt";
  public static final String ADMIN_KEY = "admin.key";

  public static final String CA_CN = "kpg-ca";
  public static final String SERVER_CN = "kpg-apiserver";
  public static final String ADMIN_CN = "kpg-admin";
  public static final String ADMIN_GROUP = "system:masters";

  /** Validity of the CA and of the certificates made at creation (there is no rotation yet). */
  public static final Duration VALIDITY = Duration.ofDays(3650);

  /** Names every serving certificate carries, besides the machine's host name. */
  public static final List<String> DEFAULT_SANS =
      List.of(
          "localhost",
          "127.0.0.1",
          "::1",
          "kubernetes",
          "kubernetes.default",
          "kubernetes.default.svc",
          "kubernetes.default.svc.cluster.local");

  /** Advisory lock key serializing creation across replicas ("kpgpki"). */
  static final long LOCK_KEY = 0x6b7067706b690000L;

  private static final String SIG_ALG = "SHA256withECDSA";
  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, String> pem;
  private final X509Certificate caCert;
  private final PrivateKey caKey;

  private Pki(Map<String, String> pem) {
    this.pem = Map.copyOf(pem);
    this.caCert = parseCertificate(pem.get(CA_CRT));
    this.caKey = parsePrivateKey(pem.get(CA_KEY));
  }

  /** A certificate and its key, both PEM. */
  public record Issued(String certPem, String keyPem) {
    public X509Certificate certificate() {
      return parseCertificate(certPem);
    }

    public PrivateKey privateKey() {
      return parsePrivateKey(keyPem);
    }
  }

  // ---------------------------------------------------------------- loading

  /**
   * Reads the PKI from {@code cluster_secrets}, creating what is missing, in one transaction
   * holding an advisory lock so that replicas starting together create it once. The machine's host
   * name is added to the serving certificate's names when it is created.
   */
  public static Pki loadOrCreate(Connection c) throws SQLException {
    return loadOrCreate(c, List.of());
  }

  /**
   * Like {@link #loadOrCreate(Connection)}; {@code extraSans} (DNS names or IP addresses) are added
   * to the serving certificate if this call creates it. An existing certificate is not changed.
   */
  public static Pki loadOrCreate(Connection c, List<String> extraSans) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        ps.setLong(1, LOCK_KEY);
        ps.execute();
      }
      Map<String, String> rows = new HashMap<>();
      try (PreparedStatement ps =
          c.prepareStatement("SELECT name, value FROM cluster_secrets WHERE name = ANY (?)")) {
        ps.setArray(
            1,
            c.createArrayOf(
                "text",
                new String[] {CA_CRT, CA_KEY, SERVER_CRT, SERVER_KEY, ADMIN_CRT, ADMIN_KEY}));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.put(rs.getString(1), rs.getString(2));
          }
        }
      }
      Map<String, String> created = complete(rows, serverNames(extraSans));
      if (!created.isEmpty()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO cluster_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO"
                    + " UPDATE SET value = EXCLUDED.value, created_at = now()")) {
          for (Map.Entry<String, String> e : created.entrySet()) {
            ps.setString(1, e.getKey());
            ps.setString(2, e.getValue());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        rows.putAll(created);
      }
      Pki pki = new Pki(rows);
      c.commit();
      return pki;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** A fresh PKI held in memory only (nothing is stored). */
  public static Pki generate(List<String> extraSans) {
    return new Pki(complete(new HashMap<>(), serverNames(extraSans)));
  }

  /** A PKI from the six PEM texts keyed by {@link #CA_CRT}, {@link #CA_KEY}, etc. */
  public static Pki fromPem(Map<String, String> pem) {
    for (String k : List.of(CA_CRT, CA_KEY, SERVER_CRT, SERVER_KEY, ADMIN_CRT, ADMIN_KEY)) {
      if (pem.get(k) == null) {
        throw new IllegalArgumentException("missing " + k);
      }
    }
    return new Pki(pem);
  }

  /**
   * Generates whatever is missing from {@code rows} and returns only the new entries. Without a
   * usable CA everything is made anew; with one, a missing certificate/key pair is issued by it.
   */
  private static Map<String, String> complete(Map<String, String> rows, List<String> sans) {
    Map<String, String> out = new HashMap<>();
    boolean haveCa = rows.get(CA_CRT) != null && rows.get(CA_KEY) != null;
    X509Certificate caCert;
    PrivateKey caKey;
    if (haveCa) {
      caCert = parseCertificate(rows.get(CA_CRT));
      caKey = parsePrivateKey(rows.get(CA_KEY));
    } else {
      KeyPair kp = newKeyPair();
      caCert = selfSignedCa(kp);
      caKey = kp.getPrivate();
      out.put(CA_CRT, toPem(caCert));
      out.put(CA_KEY, toPem(caKey));
    }
    if (!haveCa || rows.get(SERVER_CRT) == null || rows.get(SERVER_KEY) == null) {
      Issued s = issue(caCert, caKey, new X500Name("CN=" + SERVER_CN), sans, true, VALIDITY);
      out.put(SERVER_CRT, s.certPem());
      out.put(SERVER_KEY, s.keyPem());
    }
    if (!haveCa || rows.get(ADMIN_CRT) == null || rows.get(ADMIN_KEY) == null) {
      Issued a =
          issue(
              caCert,
              caKey,
              clientName(ADMIN_CN, List.of(ADMIN_GROUP)),
              List.of(),
              false,
              VALIDITY);
      out.put(ADMIN_CRT, a.certPem());
      out.put(ADMIN_KEY, a.keyPem());
    }
    return out;
  }

  static List<String> serverNames(List<String> extra) {
    Set<String> names = new LinkedHashSet<>(DEFAULT_SANS);
    String host = hostname();
    if (host != null) {
      names.add(host);
    }
    for (String e : extra) {
      if (e != null && !e.isBlank()) {
        names.add(e.strip());
      }
    }
    return new ArrayList<>(names);
  }

  static String hostname() {
    try {
      Path f = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(f)) {
        String h = Files.readString(f, StandardCharsets.UTF_8).strip();
        if (!h.isEmpty()) {
          return h.toLowerCase(java.util.Locale.ROOT);
        }
      }
    } catch (IOException e) {
      // fall through
    }
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
    } catch (IOException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- accessors

  public String caCertPem() {
    return pem.get(CA_CRT);
  }

  public String caKeyPem() {
    return pem.get(CA_KEY);
  }

  public String serverCertPem() {
    return pem.get(SERVER_CRT);
  }

  public String serverKeyPem() {
    return pem.get(SERVER_KEY);
  }

  public String adminCertPem() {
    return pem.get(ADMIN_CRT);
  }

  public String adminKeyPem() {
    return pem.get(ADMIN_KEY);
  }

  public X509Certificate caCertificate() {
    return caCert;
  }

  public PrivateKey caPrivateKey() {
    return caKey;
  }

  public X509Certificate serverCertificate() {
    return parseCertificate(serverCertPem());
  }

  public X509Certificate adminCertificate() {
    return parseCertificate(adminCertPem());
  }

  /** All six PEM texts keyed by {@link #CA_CRT}, {@link #CA_KEY}, ... */
  public Map<String, String> pems() {
    return pem;
  }

  /**
   * Writes {@code ca.crt}, {@code server.crt} and {@code server.key} (0600) into {@code dir} for
   * Quarkus's TLS configuration. Each file is replaced atomically.
   */
  public void writeFiles(Path dir) throws IOException {
    Files.createDirectories(dir);
    writePrivate(dir.resolve(CA_CRT), caCertPem());
    writePrivate(dir.resolve(SERVER_CRT), serverCertPem());
    writePrivate(dir.resolve(SERVER_KEY), serverKeyPem());
  }

  /** Writes {@code text} to {@code file} with mode 0600, replacing it atomically. */
  static void writePrivate(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp =
        Files.createTempFile(
            dir,
            "." + file.getFileName(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  // ---------------------------------------------------------------- issuing

  /**
   * Issues a client certificate signed by the CA: subject {@code CN=cn} with one {@code O} per
   * entry of {@code orgs} (Kubernetes reads them as user name and groups), EKU clientAuth.
   */
  public Issued issueClientCert(String cn, List<String> orgs, Duration validity) {
    if (cn == null || cn.isEmpty()) {
      throw new IllegalArgumentException("common name is required");
    }
    return issue(caCert, caKey, clientName(cn, orgs), List.of(), false, validity);
  }

  /** Issues a serving certificate signed by the CA for the given DNS names and IP addresses. */
  public Issued issueServerCert(String cn, List<String> sans, Duration validity) {
    return issue(caCert, caKey, new X500Name("CN=" + cn), sans, true, validity);
  }

  private static X500Name clientName(String cn, List<String> orgs) {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
    for (String o : orgs) {
      b.addRDN(BCStyle.O, o);
    }
    b.addRDN(BCStyle.CN, cn);
    return b.build();
  }

  private static X509Certificate selfSignedCa(KeyPair kp) {
    try {
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=" + CA_CN);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  name,
                  serial(),
                  Date.from(now.minus(BACKDATE)),
                  Date.from(now.plus(VALIDITY)),
                  name,
                  kp.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(kp.getPublic()));
      return sign(b, kp.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot create CA certificate: " + e, e);
    }
  }

  private static Issued issue(
      X509Certificate caCert,
      PrivateKey caKey,
      X500Name subject,
      List<String> sans,
      boolean server,
      Duration validity) {
    try {
      KeyPair kp = newKeyPair();
      Instant now = Instant.now();
      Instant notAfter = now.plus(validity);
      if (notAfter.isAfter(caCert.getNotAfter().toInstant())) {
        notAfter = caCert.getNotAfter().toInstant();
      }
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      PublicKey pub = kp.getPublic();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  caCert,
                  serial(),
                  Date.from(now.minus(BACKDATE)),
                  Date.from(notAfter),
                  subject,
                  pub)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                      server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth))
              .addExtension(
                  Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pub))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(caCert));
      if (!sans.isEmpty()) {
        List<GeneralName> names = new ArrayList<>();
        for (String s : sans) {
          names.add(
              isIpLiteral(s)
                  ? new GeneralName(GeneralName.iPAddress, s)
                  : new GeneralName(GeneralName.dNSName, s));
        }
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(new GeneralName[0])));
      }
      X509Certificate cert = sign(b, caKey);
      return new Issued(toPem(cert), toPem(kp.getPrivate()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue certificate for " + subject + ": " + e, e);
    }
  }

  static boolean isIpLiteral(String s) {
    if (s.contains(":")) {
      return true; // IPv6 (DNS names never contain ':')
    }
    return s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws GeneralSecurityException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(SIG_ALG).build(key);
      X509CertificateHolder holder = b.build(signer);
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 key generation is not available: " + e, e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  // ---------------------------------------------------------------- PEM

  static String toPem(X509Certificate cert) {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(cert);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sw.toString();
  }

  /** PKCS#8, unencrypted ({@code -----BEGIN PRIVATE KEY-----}). */
  static String toPem(PrivateKey key) {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sw.toString();
  }

  /** Parses the first certificate of a PEM text. */
  public static X509Certificate parseCertificate(String pemText) {
    try (PEMParser p = new PEMParser(new StringReader(pemText))) {
      Object o;
      while ((o = p.readObject()) != null) {
        if (o instanceof X509CertificateHolder h) {
          return new JcaX509CertificateConverter().getCertificate(h);
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid certificate PEM: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("no certificate in PEM text");
  }

  /** Parses a private key from PEM (PKCS#8, or a traditional EC/RSA key pair). */
  public static PrivateKey parsePrivateKey(String pemText) {
    try (PEMParser p = new PEMParser(new StringReader(pemText))) {
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      Object o;
      while ((o = p.readObject()) != null) {
        if (o instanceof PrivateKeyInfo pki) {
          return conv.getPrivateKey(pki);
        }
        if (o instanceof PEMKeyPair kp) {
          return conv.getKeyPair(kp).getPrivate();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid private key PEM: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("no private key in PEM text");
  }
}
