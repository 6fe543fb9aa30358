package io.kpg.server.bootstrap;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connection settings of an external PostgreSQL, parsed from a libpq-style URL ({@code
 * postgresql://user:pass@host:port/db?params}, also {@code postgres://}) or a JDBC URL ({@code
 * jdbc:postgresql://host:port/db?user=...&password=...}).
 *
 * <p>{@link #jdbcUrl()} never carries the user or password; they are returned separately. {@link
 * #toString()} hides the password.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {
  static final int DEFAULT_PORT = 5432;

  /** libpq parameter names that pgjdbc spells differently. */
  private static final Map<String, String> LIBPQ_TO_JDBC =
      Map.of("application_name", "ApplicationName", "connect_timeout", "connectTimeout");

  /**
   * Parses a database URL.
   *
   * @throws IllegalArgumentException when the text is not a PostgreSQL URL this parser understands
   */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("database URL is empty");
    }
    String s = url.strip();
    boolean jdbc;
    String rest;
    if (startsWithIgnoreCase(s, "jdbc:postgresql://")) {
      jdbc = true;
      rest = s.substring("jdbc:postgresql://".length());
    } else if (startsWithIgnoreCase(s, "jdbc:postgresql:")) {
      // jdbc:postgresql:database or jdbc:postgresql:/ (localhost:5432)
      jdbc = true;
      String tail = s.substring("jdbc:postgresql:".length());
      rest = tail.startsWith("/") ? tail : "/" + tail;
    } else if (startsWithIgnoreCase(s, "postgresql://")) {
      jdbc = false;
      rest = s.substring("postgresql://".length());
    } else if (startsWithIgnoreCase(s, "postgres://")) {
      jdbc = false;
      rest = s.substring("postgres://".length());
    } else {
      throw new IllegalArgumentException(
          "unsupported database URL "
              + redact(s)
              + ": expected postgresql://, postgres:// or jdbc:postgresql://");
    }
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String authority;
    String path;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      authority = rest.substring(0, slash);
      path = rest.substring(slash + 1);
    } else {
      authority = rest;
      path = "";
    }

    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        user = percentDecode(userInfo.substring(0, colon), s);
        password = percentDecode(userInfo.substring(colon + 1), s);
      } else {
        user = percentDecode(userInfo, s);
      }
    }

    List<String> hosts = parseHosts(authority, s);

    Map<String, String> params = new LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = percentDecode(eq >= 0 ? pair.substring(0, eq) : pair, s);
        String v = eq >= 0 ? percentDecode(pair.substring(eq + 1), s) : "";
        if (k.isEmpty()) {
          throw new IllegalArgumentException("empty parameter name in database URL " + redact(s));
        }
        params.put(k, v);
      }
    }
    if (params.containsKey("user")) {
      user = params.remove("user");
    }
    if (params.containsKey("password")) {
      password = params.remove("password");
    }
    if (!jdbc && params.containsKey("host")) {
      throw new IllegalArgumentException(
          "database URL "
              + redact(s)
              + ": the host parameter (Unix socket directories) is not supported; use host:port");
    }
    if (!jdbc) {
      Map<String, String> mapped = new LinkedHashMap<>();
      params.forEach((k, v) -> mapped.put(LIBPQ_TO_JDBC.getOrDefault(k, k), v));
      params = mapped;
    }

    String database = percentDecode(path, s);
    if (database.isEmpty()) {
      database = params.containsKey("dbname") ? params.remove("dbname") : null;
    }
    if (database == null || database.isEmpty()) {
      // libpq's default: the database named like the user
      if (user == null || user.isEmpty()) {
        throw new IllegalArgumentException("database URL " + redact(s) + " names no database");
      }
      database = user;
    }
    if (user != null && user.isEmpty()) {
      user = null;
    }
    if (user == null && password != null) {
      throw new IllegalArgumentException(
          "database URL " + redact(s) + " has a password but no user");
    }

    StringBuilder j = new StringBuilder("jdbc:postgresql://");
    j.append(String.join(",", hosts)).append('/').append(encode(database));
    char sep = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      j.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    return new DatabaseUrl(j.toString(), user, password);
  }

  /** Hosts as {@code host:port}, IPv6 literals in brackets; an empty authority means localhost. */
  private static List<String> parseHosts(String authority, String original) {
    List<String> hosts = new ArrayList<>();
    if (authority.isEmpty()) {
      hosts.add("localhost:" + DEFAULT_PORT);
      return hosts;
    }
    for (String h : authority.split(",", -1)) {
      String host;
      String port = null;
      if (h.startsWith("[")) {
        int close = h.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException(
              "unterminated IPv6 address in database URL " + redact(original));
        }
        host = h.substring(0, close + 1);
        String after = h.substring(close + 1);
        if (!after.isEmpty()) {
          if (!after.startsWith(":")) {
            throw new IllegalArgumentException(
                "unexpected text after IPv6 address in database URL " + redact(original));
          }
          port = after.substring(1);
        }
      } else {
        int colon = h.lastIndexOf(':');
        if (colon >= 0) {
          host = h.substring(0, colon);
          port = h.substring(colon + 1);
        } else {
          host = h;
        }
        host = percentDecode(host, original);
        if (host.contains(":") || host.contains("/") || host.contains("@")) {
          throw new IllegalArgumentException(
              "invalid host '" + host + "' in database URL " + redact(original));
        }
      }
      if (host.isEmpty() || host.equals("[]")) {
        if (authority.contains(",")) {
          throw new IllegalArgumentException("empty host in database URL " + redact(original));
        }
        host = "localhost";
      }
      int p = DEFAULT_PORT;
      if (port != null && !port.isEmpty()) {
        try {
          p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
          p = -1;
        }
        if (p < 1 || p > 65535 || !port.chars().allMatch(Character::isDigit)) {
          throw new IllegalArgumentException(
              "invalid port '" + port + "' in database URL " + redact(original));
        }
      }
      hosts.add(host + ":" + p);
    }
    return hosts;
  }

  static String percentDecode(String s, String original) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()
            || Character.digit(s.charAt(i + 1), 16) < 0
            || Character.digit(s.charAt(i + 2), 16) < 0) {
          throw new IllegalArgumentException(
              "invalid percent-encoding in database URL " + redact(original));
        }
        out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.writeBytes(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** pgjdbc URL-decodes the database name and parameter values (URLDecoder), so encode alike. */
  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  /** The URL with any password replaced, for error messages. */
  static String redact(String url) {
    String r = url.replaceAll("(?i)([?&]password=)[^&#]*", "$1***");
    int scheme = r.indexOf("://");
    if (scheme >= 0) {
      int start = scheme + 3;
      int end = r.length();
      for (char c : new char[] {'/', '?', '#'}) {
        int i = r.indexOf(c, start);
        if (i >= 0 && i < end) {
          end = i;
        }
      }
      int at = r.lastIndexOf('@', end - 1);
      if (at >= start) {
        int colon = r.indexOf(':', start);
        if (colon >= 0 && colon < at) {
          r = r.substring(0, colon + 1) + "***" + r.substring(at);
        }
      }
    }
    return r;
  }

  @Override
  public String toString() {
    return "DatabaseUrl[jdbcUrl="
        + jdbcUrl
        + ", user="
        + user
        + ", password="
        + (password == null ? "null" : "***")
        + "]";
  }
}
