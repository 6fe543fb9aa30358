package io.kpg.http;

import io.kpg.auth.UserInfo;
import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Authentication from the TLS client certificate (verified against the cluster CA during the
 * handshake): CN is the user, each O a group; every authenticated user is also in
 * system:authenticated. No certificate: anonymous.
 */
final class Authn {
  private Authn() {}

  /** Users by TLS session: the certificate is parsed once per session, not per request. */
  private static final Map<SSLSession, UserInfo> SESSIONS =
      Collections.synchronizedMap(new WeakHashMap<>());

  static UserInfo authenticate(HttpServerRequest req) {
    if (!req.isSSL()) {
      return UserInfo.ANONYMOUS;
    }
    SSLSession session = req.sslSession();
    if (session == null) {
      return fromCertificate(req);
    }
    UserInfo cached = SESSIONS.get(session);
    if (cached == null) {
      cached = fromCertificate(req);
      SESSIONS.put(session, cached);
    }
    return cached;
  }

  private static UserInfo fromCertificate(HttpServerRequest req) {
    List<Certificate> chain;
    try {
      chain = req.connection().peerCertificates();
    } catch (SSLPeerUnverifiedException | UnsupportedOperationException e) {
      return UserInfo.ANONYMOUS;
    }
    if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate cert)) {
      return UserInfo.ANONYMOUS;
    }
    String cn = null;
    List<String> groups = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN") && cn == null) {
          cn = String.valueOf(rdn.getValue());
        } else if (rdn.getType().equalsIgnoreCase("O")) {
          groups.add(0, String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      return UserInfo.ANONYMOUS;
    }
    if (cn == null || cn.isEmpty()) {
      return UserInfo.ANONYMOUS;
    }
    groups.add("system:authenticated");
    return new UserInfo(cn, List.copyOf(groups));
  }
}
