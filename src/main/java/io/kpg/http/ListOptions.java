package io.kpg.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.errors.Errors;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * LIST and WATCH query parameters with upstream's validation (ValidateListOptions) and the
 * resourceVersion semantics: {@code exactRv} lists at that rv, {@code minRv} requires the result to
 * be at least that new.
 */
record ListOptions(
    String labelSelector,
    String fieldSelector,
    int limit,
    String continueToken,
    long exactRv,
    long minRv,
    Long timeoutSeconds) {

  record Continue(long rv, String start) {}

  static ListOptions parse(HttpServerRequest req, boolean watch) {
    String rvParam = req.getParam("resourceVersion");
    String match = req.getParam("resourceVersionMatch");
    String cont = req.getParam("continue");
    String sie = req.getParam("sendInitialEvents");
    int limit = 0;
    List<FieldError> errs = new ArrayList<>();
    if (req.getParam("limit") != null) {
      try {
        limit =
            (int) Math.max(0, Math.min(Integer.MAX_VALUE, Long.parseLong(req.getParam("limit"))));
      } catch (NumberFormatException e) {
        throw Errors.badRequest("invalid limit: " + req.getParam("limit"));
      }
    }
    Long timeout = timeoutSeconds(req);
    long rv = resourceVersion(rvParam);
    boolean rvSet = rvParam != null && !rvParam.isEmpty();
    if (match != null && !match.isEmpty()) {
      if (!rvSet) {
        errs.add(
            FieldError.forbidden(
                "resourceVersionMatch",
                "resourceVersionMatch is forbidden unless resourceVersion is provided"));
      }
      if (cont != null && !cont.isEmpty()) {
        errs.add(
            FieldError.forbidden(
                "resourceVersionMatch",
                "resourceVersionMatch is forbidden when continue is provided"));
      }
      if (!match.equals("NotOlderThan") && !match.equals("Exact")) {
        errs.add(
            FieldError.notSupported(
                "resourceVersionMatch", match, List.of("Exact", "NotOlderThan", "")));
      }
      if (match.equals("Exact") && rvSet && rv == 0) {
        errs.add(
            FieldError.forbidden(
                "resourceVersionMatch",
                "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
      }
    }
    if (sie != null && !sie.isEmpty() && !watch) {
      errs.add(
          FieldError.forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
    }
    if (!errs.isEmpty()) {
      throw Errors.invalid("meta.k8s.io", "ListOptions", "", errs);
    }
    if (cont != null && !cont.isEmpty() && rvSet && rv != 0) {
      throw Errors.badRequest("specifying resource version is not allowed when using continue");
    }
    long exact = 0;
    long min = 0;
    if (rvSet && rv > 0 && !watch) {
      if ("Exact".equals(match) || ((match == null || match.isEmpty()) && limit > 0)) {
        exact = rv;
      } else {
        min = rv;
      }
    }
    return new ListOptions(
        req.getParam("labelSelector"),
        req.getParam("fieldSelector"),
        limit,
        cont == null || cont.isEmpty() ? null : cont,
        exact,
        min,
        timeout);
  }

  /** The {@code timeoutSeconds} parameter, or null. */
  static Long timeoutSeconds(HttpServerRequest req) {
    String t = req.getParam("timeoutSeconds");
    if (t == null) {
      return null;
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw Errors.badRequest("invalid timeoutSeconds: " + t);
    }
  }

  /** A resourceVersion parameter: 0 when absent, 422 when not a non-negative integer. */
  static long resourceVersion(String param) {
    if (param == null || param.isEmpty()) {
      return 0;
    }
    try {
      long rv = Long.parseLong(param);
      if (rv >= 0) {
        return rv;
      }
    } catch (NumberFormatException e) {
      // fall through to the error
    }
    throw Errors.invalid(
        "meta.k8s.io",
        "ListOptions",
        "",
        List.of(FieldError.invalid("resourceVersion", param, "must be a valid resource version")));
  }

  static String encodeContinue(long rv, String startAfter) {
    String json =
        "{\"v\":\"meta.k8s.io/v1\",\"rv\":"
            + rv
            + ",\"start\":"
            + Json.MAPPER.valueToTree(startAfter)
            + "}";
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static Continue decodeContinue(String token) {
    try {
      byte[] raw =
          Base64.getUrlDecoder().decode(token.replace('+', '-').replace('/', '_').replace("=", ""));
      JsonNode n = Json.MAPPER.readTree(raw);
      if (!"meta.k8s.io/v1".equals(n.path("v").asText())
          || !n.path("rv").canConvertToLong()
          || !n.path("start").isTextual()) {
        throw new IllegalArgumentException("unsupported token");
      }
      long rv = n.path("rv").asLong();
      if (rv <= 0) {
        throw new IllegalArgumentException("bad rv");
      }
      return new Continue(rv, n.path("start").asText());
    } catch (Exception e) {
      throw Errors.badRequest("continue key is not valid: " + e.getMessage());
    }
  }
}
