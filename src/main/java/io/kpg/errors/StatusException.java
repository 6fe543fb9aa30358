package io.kpg.errors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A failure that reaches the client as a Kubernetes {@code Status} object. Everything that can go
 * wrong while serving an API request ends up as one of these; the HTTP layer writes {@link
 * #toStatus()} with {@link #code()} as the HTTP status.
 */
public class StatusException extends RuntimeException {
  private final int code;
  private final String reason;
  private final ObjectNode details;
  private final Integer retryAfterSeconds;
  private String continueToken;

  public StatusException(int code, String reason, String message, ObjectNode details) {
    this(code, reason, message, details, null);
  }

  public StatusException(
      int code, String reason, String message, ObjectNode details, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public StatusException withContinue(String token) {
    this.continueToken = token;
    return this;
  }

  public ObjectNode toStatus() {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    ObjectNode md = s.putObject("metadata");
    if (continueToken != null) {
      md.put("continue", continueToken);
    }
    s.put("status", "Failure");
    s.put("message", getMessage());
    if (reason != null && !reason.isEmpty()) {
      s.put("reason", reason);
    }
    if (details != null && !details.isEmpty()) {
      s.set("details", details);
    }
    s.put("code", code);
    return s;
  }

  /** Builds the {@code details} object used by most errors. */
  public static ObjectNode details(
      String name, String group, String kind, List<ObjectNode> causes) {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    if (name != null && !name.isEmpty()) {
      d.put("name", name);
    }
    if (group != null && !group.isEmpty()) {
      d.put("group", group);
    }
    if (kind != null && !kind.isEmpty()) {
      d.put("kind", kind);
    }
    if (causes != null && !causes.isEmpty()) {
      ArrayNode arr = d.putArray("causes");
      causes.forEach(arr::add);
    }
    return d;
  }
}
