package io.kpg.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.crd.columns.PrinterColumns;
import io.kpg.crd.columns.ScalePaths;
import io.kpg.crd.columns.SelectableFields;
import io.kpg.errors.FieldError;
import io.kpg.registry.validation.NameValidation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validation of CustomResourceDefinition objects (apiextensions.k8s.io/v1), following upstream's
 * rules and messages: names, group, scope, versions, conversion, subresources, printer columns,
 * selectable fields, the schemas (structural rules and CEL rules) and, on update, immutable names
 * and stored versions.
 */
public final class CrdValidation {
  private CrdValidation() {}

  static final String APPROVAL_ANNOTATION = "api-approved.kubernetes.io";
  private static final List<String> COLUMN_TYPES =
      List.of("boolean", "date", "integer", "number", "string");
  private static final List<String> COLUMN_FORMATS =
      List.of("byte", "date", "date-time", "double", "float", "int32", "int64", "name", "password");

  /** Validates a CRD on create ({@code old} null) or update. */
  public static List<FieldError> validate(ObjectNode crd, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = crd.path("spec");
    String name = crd.path("metadata").path("name").asText("");
    String group = spec.path("group").asText("");
    JsonNode names = spec.path("names");
    if (old == null && !name.equals(names.path("plural").asText("") + "." + group)) {
      errs.add(
          FieldError.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
    }
    if (group.isEmpty()) {
      errs.add(FieldError.required("spec.group", null));
    } else if (!NameValidation.isDns1123Subdomain(group).isEmpty()) {
      errs.add(
          FieldError.invalid(
              "spec.group", group, String.join(",", NameValidation.isDns1123Subdomain(group))));
    } else if (!group.contains(".")) {
      errs.add(FieldError.invalid("spec.group", group, "should be a domain with at least one dot"));
    }
    String scope = spec.path("scope").asText("");
    if (scope.isEmpty()) {
      errs.add(FieldError.required("spec.scope", null));
    } else if (!scope.equals("Cluster") && !scope.equals("Namespaced")) {
      errs.add(FieldError.notSupported("spec.scope", scope, List.of("Cluster", "Namespaced")));
    }
    errs.addAll(versions(spec));
    for (String f : List.of("plural", "singular", "kind", "listKind")) {
      if (names.path(f).asText("").isEmpty()) {
        errs.add(FieldError.required("spec.names." + f, null));
      }
    }
    errs.addAll(names(names, "spec.names"));
    errs.addAll(conversion(spec.path("conversion")));
    if (spec.path("preserveUnknownFields").asBoolean(false)
        && (old == null || !old.path("spec").path("preserveUnknownFields").asBoolean(false))) {
      errs.add(
          FieldError.invalid(
              "spec.preserveUnknownFields",
              true,
              "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in"
                  + " spec.versions[*].schema instead"));
    }
    errs.addAll(approval(crd, old));
    if (old != null) {
      errs.addAll(update(crd, old));
    }
    return errs;
  }

  private static List<FieldError> versions(JsonNode spec) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode versions = spec.path("versions");
    int storage = 0;
    Set<String> seen = new HashSet<>();
    boolean unique = true;
    int i = 0;
    for (JsonNode v : versions) {
      String path = "spec.versions[" + i + "]";
      String vn = v.path("name").asText("");
      if (v.path("storage").asBoolean(false)) {
        storage++;
      }
      unique &= seen.add(vn);
      List<String> nameErrs = NameValidation.isDns1035Label(vn);
      if (!nameErrs.isEmpty()) {
        errs.add(FieldError.invalid(path + ".name", vn, String.join(",", nameErrs)));
      }
      errs.addAll(version(v, path));
      i++;
    }
    if (!unique) {
      errs.add(FieldError.invalid("spec.versions", versions, "must contain unique version names"));
    }
    if (storage != 1) {
      errs.add(
          FieldError.invalid(
              "spec.versions",
              versions,
              "must have exactly one version marked as storage version"));
    }
    return errs;
  }

  private static List<FieldError> version(JsonNode v, String path) {
    List<FieldError> errs = new ArrayList<>();
    boolean deprecated = v.path("deprecated").asBoolean(false);
    JsonNode warning = v.get("deprecationWarning");
    if (warning != null && !warning.isNull()) {
      String w = warning.asText();
      if (!deprecated) {
        errs.add(
            FieldError.invalid(
                path + ".deprecationWarning", w, "can only be set for deprecated versions"));
      } else if (w.length() > 256) {
        errs.add(
            FieldError.invalid(path + ".deprecationWarning", w, "must be <= 256 characters long"));
      } else {
        for (int c = 0; c < w.length(); c++) {
          if (Character.isISOControl(w.charAt(c))) {
            errs.add(
                FieldError.invalid(
                    path + ".deprecationWarning",
                    w,
                    "must only contain printable UTF-8 characters; control character found at"
                        + " index "
                        + c));
            break;
          }
        }
      }
    }
    JsonNode schema = v.path("schema").get("openAPIV3Schema");
    String schemaPath = path + ".schema.openAPIV3Schema";
    boolean status = v.path("subresources").has("status");
    if (schema == null || schema.isNull()) {
      errs.add(FieldError.required(schemaPath, null));
    } else if (!schema.isObject()) {
      errs.add(FieldError.invalid(schemaPath, schema, "must be an object"));
    } else {
      errs.addAll(CrdSchemas.validate(schema, schemaPath, status));
    }
    errs.addAll(
        SelectableFields.validate(
            v.path("selectableFields"),
            schema == null || !schema.isObject() ? null : schema,
            path + ".selectableFields",
            false));
    JsonNode scale = v.path("subresources").get("scale");
    if (scale != null && scale.isObject()) {
      errs.addAll(ScalePaths.validate(scale, path + ".subresources"));
    }
    errs.addAll(
        PrinterColumns.validate(
            v.path("additionalPrinterColumns"), path + ".additionalPrinterColumns"));
    return errs;
  }

  /** Upstream's static checks of spec.names (and status.acceptedNames). */
  public static List<FieldError> names(JsonNode names, String path) {
    List<FieldError> errs = new ArrayList<>();
    for (String f : List.of("plural", "singular")) {
      String v = names.path(f).asText("");
      List<String> e = NameValidation.isDns1035Label(v);
      if (!v.isEmpty() && !e.isEmpty()) {
        errs.add(FieldError.invalid(path + "." + f, v, String.join(",", e)));
      }
    }
    for (String f : List.of("kind", "listKind")) {
      String v = names.path(f).asText("");
      List<String> e = NameValidation.isDns1035Label(v.toLowerCase());
      if (!v.isEmpty() && !e.isEmpty()) {
        errs.add(
            FieldError.invalid(
                path + "." + f,
                v,
                "may have mixed case, but should otherwise match: " + String.join(",", e)));
      }
    }
    int i = 0;
    for (JsonNode s : names.path("shortNames")) {
      List<String> e = NameValidation.isDns1035Label(s.asText());
      if (!e.isEmpty()) {
        errs.add(
            FieldError.invalid(path + ".shortNames[" + i + "]", s.asText(), String.join(",", e)));
      }
      i++;
    }
    String kind = names.path("kind").asText("");
    if (!kind.isEmpty() && kind.equals(names.path("listKind").asText(""))) {
      errs.add(
          FieldError.invalid(path + ".listKind", kind, "kind and listKind may not be the same"));
    }
    i = 0;
    for (JsonNode c : names.path("categories")) {
      List<String> e = NameValidation.isDns1035Label(c.asText());
      if (!e.isEmpty()) {
        errs.add(
            FieldError.invalid(path + ".categories[" + i + "]", c.asText(), String.join(",", e)));
      }
      i++;
    }
    return errs;
  }

  private static List<FieldError> conversion(JsonNode conv) {
    List<FieldError> errs = new ArrayList<>();
    if (conv.isMissingNode() || conv.isNull()) {
      return errs;
    }
    String strategy = conv.path("strategy").asText("");
    if (strategy.isEmpty()) {
      errs.add(FieldError.required("spec.conversion.strategy", null));
      return errs;
    }
    if (!strategy.equals("None") && !strategy.equals("Webhook")) {
      errs.add(
          FieldError.notSupported(
              "spec.conversion.strategy", strategy, List.of("None", "Webhook")));
      return errs;
    }
    JsonNode webhook = conv.get("webhook");
    if (strategy.equals("Webhook")) {
      if (webhook == null || webhook.isNull()) {
        errs.add(
            FieldError.required(
                "spec.conversion.webhook", "required when strategy is set to Webhook"));
        return errs;
      }
      JsonNode cc = webhook.path("clientConfig");
      boolean url = cc.hasNonNull("url");
      boolean svc = cc.hasNonNull("service");
      if (cc.isMissingNode() || cc.isNull()) {
        errs.add(
            FieldError.required(
                "spec.conversion.webhook.clientConfig",
                "required when strategy is set to Webhook"));
      } else if (url == svc) {
        errs.add(
            FieldError.required(
                "spec.conversion.webhook.clientConfig",
                "exactly one of url or service is required"));
      } else if (url) {
        errs.addAll(
            webhookUrl(cc.path("url").asText(""), "spec.conversion.webhook.clientConfig.url"));
      } else {
        JsonNode s = cc.path("service");
        if (s.path("name").asText("").isEmpty()) {
          errs.add(
              FieldError.required(
                  "spec.conversion.webhook.clientConfig.service.name", "service name is required"));
        }
        if (s.path("namespace").asText("").isEmpty()) {
          errs.add(
              FieldError.required(
                  "spec.conversion.webhook.clientConfig.service.namespace",
                  "service namespace is required"));
        }
        JsonNode port = s.get("port");
        if (port != null && port.isNumber() && (port.asLong() < 1 || port.asLong() > 65535)) {
          errs.add(
              FieldError.invalid(
                  "spec.conversion.webhook.clientConfig.service.port",
                  port.asLong(),
                  "port is not valid: must be between 1 and 65535, inclusive"));
        }
      }
      JsonNode crv = webhook.path("conversionReviewVersions");
      String crvPath = "spec.conversion.webhook.conversionReviewVersions";
      if (!crv.isArray() || crv.isEmpty()) {
        errs.add(FieldError.required(crvPath, null));
      } else {
        Set<String> seen = new HashSet<>();
        boolean known = false;
        int i = 0;
        for (JsonNode v : crv) {
          String s = v.asText();
          if (!seen.add(s)) {
            errs.add(FieldError.invalid(crvPath + "[" + i + "]", s, "duplicate version"));
          } else {
            NameValidation.isDns1035Label(s)
                .forEach(
                    m -> errs.add(FieldError.invalid(crvPath + "[" + seen.size() + "]", s, m)));
            known |= s.equals("v1") || s.equals("v1beta1");
          }
          i++;
        }
        if (!known) {
          errs.add(FieldError.invalid(crvPath, crv, "must include at least one of v1, v1beta1"));
        }
      }
    } else if (webhook != null && !webhook.isNull()) {
      errs.add(
          FieldError.forbidden(
              "spec.conversion.webhook", "should not be set when strategy is not set to Webhook"));
    }
    return errs;
  }

  private static List<FieldError> webhookUrl(String url, String path) {
    List<FieldError> errs = new ArrayList<>();
    java.net.URI u;
    try {
      u = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      errs.add(FieldError.invalid(path, url, "url must be a valid URL: " + e.getMessage()));
      return errs;
    }
    if (!"https".equals(u.getScheme())) {
      errs.add(
          FieldError.invalid(
              path, url, "'https' is the only allowed URL scheme" + schemeSuffix(u.getScheme())));
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      errs.add(FieldError.invalid(path, url, "host must be specified"));
    }
    if (u.getRawFragment() != null) {
      errs.add(FieldError.invalid(path, url, "fragments are not permitted in the URL"));
    }
    if (u.getRawQuery() != null) {
      errs.add(FieldError.invalid(path, url, "query parameters are not permitted in the URL"));
    }
    if (u.getRawUserInfo() != null) {
      errs.add(FieldError.invalid(path, url, "user information is not permitted in the URL"));
    }
    return errs;
  }

  private static String schemeSuffix(String scheme) {
    return scheme == null ? "" : "; the given scheme was \"" + scheme + "\"";
  }

  private static List<FieldError> approval(ObjectNode crd, ObjectNode old) {
    String group = crd.path("spec").path("group").asText("");
    if (!(group.equals("k8s.io")
        || group.endsWith(".k8s.io")
        || group.equals("kubernetes.io")
        || group.endsWith(".kubernetes.io"))) {
      return List.of();
    }
    String now = crd.path("metadata").path("annotations").path(APPROVAL_ANNOTATION).asText(null);
    String path = "metadata.annotations[" + APPROVAL_ANNOTATION + "]";
    String state = approvalState(now);
    if (old != null) {
      String was =
          approvalState(
              old.path("metadata").path("annotations").path(APPROVAL_ANNOTATION).asText(null));
      if (was.equals(state)) {
        return List.of();
      }
    }
    return switch (state) {
      case "missing" ->
          List.of(
              FieldError.required(
                  path,
                  "protected groups must have approval annotation \""
                      + APPROVAL_ANNOTATION
                      + "\", see https://github.com/kubernetes/enhancements/pull/1111"));
      case "invalid" ->
          List.of(
              FieldError.invalid(
                  path,
                  now,
                  "protected groups must have approval annotation \""
                      + APPROVAL_ANNOTATION
                      + "\" with either a URL or a reason starting with \"unapproved\", see"
                      + " https://github.com/kubernetes/enhancements/pull/1111"));
      default -> List.of();
    };
  }

  private static String approvalState(String v) {
    if (v == null) {
      return "missing";
    }
    if (v.startsWith("unapproved")) {
      return "bypassed";
    }
    try {
      java.net.URI u = new java.net.URI(v);
      if (u.getScheme() != null && u.getHost() != null) {
        return "approved";
      }
    } catch (java.net.URISyntaxException e) {
      return "invalid";
    }
    return "invalid";
  }

  private static List<FieldError> update(ObjectNode crd, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = crd.path("spec");
    JsonNode oldSpec = old.path("spec");
    if (CrdStatus.isTrue(old, "Established")) {
      immutable(errs, spec.path("scope"), oldSpec.path("scope"), "spec.scope");
      immutable(
          errs,
          spec.path("names").path("kind"),
          oldSpec.path("names").path("kind"),
          "spec.names.kind");
    }
    immutable(errs, spec.path("group"), oldSpec.path("group"), "spec.group");
    immutable(
        errs,
        spec.path("names").path("plural"),
        oldSpec.path("names").path("plural"),
        "spec.names.plural");
    errs.addAll(storedVersions(crd));
    return errs;
  }

  private static void immutable(List<FieldError> errs, JsonNode now, JsonNode was, String path) {
    if (!now.equals(was)) {
      errs.add(FieldError.invalid(path, now.isMissingNode() ? "" : now, "field is immutable"));
    }
  }

  /** status.storedVersions: non-empty, holds the storage version, each still in spec.versions. */
  static List<FieldError> storedVersions(ObjectNode crd) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode stored = crd.path("status").path("storedVersions");
    String path = "status.storedVersions";
    if (!stored.isArray() || stored.isEmpty()) {
      errs.add(
          FieldError.invalid(
              path, stored.isArray() ? stored : null, "must have at least one stored version"));
      return errs;
    }
    List<String> left = new ArrayList<>();
    stored.forEach(s -> left.add(s.asText()));
    List<String> all = new ArrayList<>(left);
    for (JsonNode v : crd.path("spec").path("versions")) {
      String name = v.path("name").asText();
      if (v.path("storage").asBoolean(false) && !left.contains(name)) {
        errs.add(FieldError.invalid(path, stored, "must have the storage version " + name));
      }
      left.remove(name);
    }
    for (String v : left) {
      errs.add(
          FieldError.invalid(
              path + "[" + all.indexOf(v) + "]",
              v,
              "missing from spec.versions; "
                  + v
                  + " was previously a storage version, and must remain in spec.versions until a"
                  + " storage migration ensures no data remains persisted in "
                  + v
                  + " and removes "
                  + v
                  + " from status.storedVersions"));
    }
    return errs;
  }
}
