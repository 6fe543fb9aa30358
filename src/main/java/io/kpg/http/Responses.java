package io.kpg.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writes API responses: JSON bodies, Status errors and Warning headers. */
final class Responses {
  private Responses() {}

  static void json(RoutingContext rc, int code, JsonNode body, List<String> warnings) {
    raw(rc, code, Json.write(body), warnings);
  }

  /** The object as YAML (block style), for clients that ask for application/yaml. */
  static void yaml(RoutingContext rc, int code, JsonNode body, List<String> warnings) {
    DumperOptions opts = new DumperOptions();
    opts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    opts.setIndent(2);
    opts.setIndicatorIndent(0);
    String text = new Yaml(opts).dump(Json.MAPPER.convertValue(body, Object.class));
    send(rc, code, "application/yaml", text, warnings);
  }

  static void raw(RoutingContext rc, int code, String body, List<String> warnings) {
    send(rc, code, "application/json", body, warnings);
  }

  private static void send(
      RoutingContext rc, int code, String contentType, String body, List<String> warnings) {
    HttpServerResponse r = rc.response();
    if (r.ended()) {
      return;
    }
    r.setStatusCode(code);
    r.putHeader("Content-Type", contentType);
    r.putHeader("Cache-Control", "no-cache, private");
    for (String w : warnings) {
      r.headers().add("Warning", warning(w));
    }
    r.end(body);
  }

  /** {@code 299 - "text"} with backslashes and quotes escaped, as upstream formats warnings. */
  static String warning(String text) {
    String clean = text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]", " ");
    return "299 - \"" + clean + "\"";
  }

  static void status(RoutingContext rc, StatusException e) {
    HttpServerResponse r = rc.response();
    if (r.ended()) {
      return;
    }
    if (e.retryAfterSeconds() != null) {
      r.putHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }
    json(rc, e.code(), e.toStatus(), List.of());
  }

  static ObjectNode success(ObjectNode details) {
    ObjectNode s = Json.object();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Success");
    if (details != null) {
      s.set("details", details);
    }
    return s;
  }
}
