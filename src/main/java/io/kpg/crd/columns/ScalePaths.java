package io.kpg.crd.columns;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.errors.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A custom resource's {@code subresources.scale}: where replicas and the label selector live.
 * Unlike printer columns these paths are read as plain dotted keys ({@code .status.selector} is the
 * keys {@code status}, {@code selector}), as upstream's unstructured accessors do.
 */
public record ScalePaths(
    String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {

  /** From a {@code subresources.scale} object; an absent labelSelectorPath is "". */
  public static ScalePaths of(JsonNode scale) {
    return new ScalePaths(
        scale.path("specReplicasPath").asText(""),
        scale.path("statusReplicasPath").asText(""),
        scale.path("labelSelectorPath").asText(""));
  }

  /** {@code .spec.replicas}, or empty when missing. */
  public OptionalLong specReplicas(JsonNode obj) {
    Optional<JsonNode> v = nested(obj, specReplicasPath, "int64");
    return v.isEmpty() ? OptionalLong.empty() : OptionalLong.of(v.get().longValue());
  }

  /** {@code .status.replicas}, 0 when missing. */
  public long statusReplicas(JsonNode obj) {
    return nested(obj, statusReplicasPath, "int64").map(JsonNode::longValue).orElse(0L);
  }

  /** The status selector of the Scale: the string at labelSelectorPath, "" when none. */
  public String labelSelector(JsonNode obj) {
    if (labelSelectorPath.isEmpty()) {
      return "";
    }
    return nested(obj, labelSelectorPath, "string").map(JsonNode::textValue).orElse("");
  }

  /**
   * The value at a dotted path, when present with the expected Go type ({@code int64} or {@code
   * string}); absent when a key is missing or a parent is null.
   *
   * @throws IllegalArgumentException with upstream's accessor error when a parent is not an object
   *     or the value has another type
   */
  static Optional<JsonNode> nested(JsonNode obj, String path, String expected) {
    String[] keys = (path.startsWith(".") ? path.substring(1) : path).split("\\.", -1);
    JsonNode cur = obj;
    for (int i = 0; i < keys.length; i++) {
      if (cur.isNull()) {
        return Optional.empty();
      }
      if (!cur.isObject()) {
        throw accessorError(keys, i + 1, cur, "map[string]interface{}");
      }
      cur = cur.get(keys[i]);
      if (cur == null) {
        return Optional.empty();
      }
    }
    boolean ok =
        expected.equals("string") ? cur.isTextual() : GoValues.kind(cur) == GoValues.Kind.INT;
    if (!ok) {
      throw accessorError(keys, keys.length, cur, expected);
    }
    return Optional.of(cur);
  }

  private static IllegalArgumentException accessorError(
      String[] keys, int upTo, JsonNode value, String expected) {
    String at = "." + String.join(".", Arrays.copyOf(keys, upTo));
    return new IllegalArgumentException(
        at
            + " accessor error: "
            + GoValues.sprint(value)
            + " is of the type "
            + GoValues.typeName(value)
            + ", expected "
            + expected);
  }

  /**
   * Upstream's checks of {@code subresources.scale}; {@code fieldPath} names the subresources
   * object, e.g. {@code spec.versions[0].subresources}.
   */
  public static List<FieldError> validate(JsonNode scale, String fieldPath) {
    List<FieldError> errors = new ArrayList<>();
    ScalePaths p = of(scale);
    checkUnder(p.specReplicasPath, fieldPath + ".scale.specReplicasPath", true, errors, ".spec.");
    checkUnder(
        p.statusReplicasPath, fieldPath + ".scale.statusReplicasPath", true, errors, ".status.");
    checkUnder(
        p.labelSelectorPath,
        fieldPath + ".scale.labelSelectorPath",
        false,
        errors,
        ".spec.",
        ".status.");
    return errors;
  }

  private static void checkUnder(
      String path, String field, boolean required, List<FieldError> errors, String... prefixes) {
    if (path.isEmpty()) {
      if (required) {
        errors.add(FieldError.required(field, ""));
      }
      return;
    }
    List<FieldError> simple = JsonPath.validateSimplePath(path, field);
    if (!simple.isEmpty()) {
      errors.addAll(simple);
      return;
    }
    for (String prefix : prefixes) {
      if (path.startsWith(prefix)) {
        return;
      }
    }
    String detail =
        prefixes.length == 1
            ? "should be a json path under " + prefixes[0].substring(0, prefixes[0].length() - 1)
            : "should be a json path under either .spec or .status";
    errors.add(FieldError.invalid(field, path, detail));
  }
}
