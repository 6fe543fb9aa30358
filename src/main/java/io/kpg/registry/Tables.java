package io.kpg.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Helpers for Table cells, rendered the way kubectl users know them. */
public final class Tables {
  private Tables() {}

  /** The Age column: time since {@code metadata.creationTimestamp}, as upstream prints it. */
  public static String age(JsonNode obj, Instant now) {
    String ts = obj.path("metadata").path("creationTimestamp").asText("");
    return since(ts, now);
  }

  /** Human duration since an RFC 3339 timestamp; {@code <unknown>} when absent. */
  public static String since(String rfc3339, Instant now) {
    if (rfc3339 == null || rfc3339.isEmpty()) {
      return "<unknown>";
    }
    try {
      return humanDuration(Duration.between(Instant.parse(rfc3339), now));
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
  }

  /** Upstream's HumanDuration: 45s, 5m10s, 3h, 2d4h, 12d, 2y... */
  public static String humanDuration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = (hours / 24) % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }
}
