package io.kpg.server.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes kubeconfig files (JSON, which kubectl reads like YAML) with the certificates inlined as
 * {@code *-data} fields.
 */
public final class Kubeconfig {
  public static final String CLUSTER = "kpg";
  public static final String ADMIN_USER = "kpg-admin";
  public static final String CONTEXT = "kpg";

  private Kubeconfig() {}

  /**
   * Writes an admin kubeconfig: cluster {@value #CLUSTER}, user {@value #ADMIN_USER} (the admin
   * client certificate), context {@value #CONTEXT} as current context. The file gets mode 0600.
   */
  public static void write(Path file, String serverUrl, Pki pki) throws IOException {
    write(file, serverUrl, pki.caCertPem(), ADMIN_USER, pki.adminCertPem(), pki.adminKeyPem());
  }

  /** Writes a kubeconfig for any client certificate (e.g. one from {@link Pki#issueClientCert}). */
  public static void write(
      Path file, String serverUrl, String caPem, String userName, String certPem, String keyPem)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Pki.writePrivate(file, toJson(serverUrl, caPem, userName, certPem, keyPem));
  }

  /** The kubeconfig document as JSON text. */
  public static String toJson(
      String serverUrl, String caPem, String userName, String certPem, String keyPem) {
    ObjectNode root = Json.object();
    root.put("apiVersion", "v1");
    root.put("kind", "Config");
    ObjectNode cluster = root.putArray("clusters").addObject();
    cluster.put("name", CLUSTER);
    cluster
        .putObject("cluster")
        .put("certificate-authority-data", b64(caPem))
        .put("server", serverUrl);
    ObjectNode user = root.putArray("users").addObject();
    user.put("name", userName);
    user.putObject("user")
        .put("client-certificate-data", b64(certPem))
        .put("client-key-data", b64(keyPem));
    ObjectNode ctx = root.putArray("contexts").addObject();
    ctx.put("name", CONTEXT);
    ctx.putObject("context").put("cluster", CLUSTER).put("user", userName);
    root.put("current-context", CONTEXT);
    root.putObject("preferences");
    return Json.write(root) + "\n";
  }

  private static String b64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }
}
