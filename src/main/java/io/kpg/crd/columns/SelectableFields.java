package io.kpg.crd.columns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field selectors a custom resource version declares in {@code selectableFields}. Each is named
 * by its path without the leading dot ({@code .spec.color} is {@code spec.color}) and valued, as
 * upstream does, by the path's single match printed with {@code fmt.Sprint} ({@code 3}, {@code
 * true}, the string itself), or the empty string when nothing (or null) matches.
 */
public final class SelectableFields {
  /** Upstream's limit on distinct selectable fields per version. */
  public static final int MAX = 8;

  private final Map<String, JsonPath> paths;
  private final Map<String, String> problems;

  private SelectableFields(Map<String, JsonPath> paths, Map<String, String> problems) {
    this.paths = paths;
    this.problems = problems;
  }

  /** From a version's {@code selectableFields} array (null or missing for none). */
  public static SelectableFields of(JsonNode selectableFields) {
    Map<String, JsonPath> paths = new LinkedHashMap<>();
    Map<String, String> problems = new LinkedHashMap<>();
    if (selectableFields != null && selectableFields.isArray()) {
      for (JsonNode sf : selectableFields) {
        String jsonPath = sf.path("jsonPath").asText("");
        String name = fieldName(jsonPath);
        try {
          paths.put(name, JsonPath.expression(jsonPath).allowMissingKeys(true));
        } catch (JsonPathException e) {
          problems.put(name, e.getMessage());
        }
      }
    }
    return new SelectableFields(paths, problems);
  }

  /** The field selector name of a path: {@code .spec.color} → {@code spec.color}. */
  public static String fieldName(String jsonPath) {
    return jsonPath.startsWith(".") ? jsonPath.substring(1) : jsonPath;
  }

  /** The declared field names, in declaration order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(paths.keySet());
    names.addAll(problems.keySet());
    return names;
  }

  /** Whether {@code fieldName} is one of the declared fields (field selectors may use it). */
  public boolean supports(String fieldName) {
    return paths.containsKey(fieldName) || problems.containsKey(fieldName);
  }

  /**
   * The value field selectors compare with; "" when the path matches nothing or null.
   *
   * @throws IllegalArgumentException when {@code fieldName} is not declared
   * @throws JsonPathException when the path does not parse or evaluate, or matches more than one
   *     value (upstream fails the request then)
   */
  public String value(ObjectNode obj, String fieldName) {
    String problem = problems.get(fieldName);
    if (problem != null) {
      throw new JsonPathException("unexpected error parsing jsonPath: " + problem);
    }
    JsonPath path = paths.get(fieldName);
    if (path == null) {
      throw new IllegalArgumentException("field label not supported: " + fieldName);
    }
    List<List<JsonNode>> results;
    try {
      results = path.findResults(obj);
    } catch (JsonPathException e) {
      throw new JsonPathException(
          "unexpected error finding value with jsonPath: " + e.getMessage());
    }
    if (results.isEmpty() || results.get(0).isEmpty()) {
      return "";
    }
    if (results.size() > 1 || results.get(0).size() > 1) {
      throw new JsonPathException("unexpectedly received more than one JSON path result");
    }
    JsonNode value = results.get(0).get(0);
    return value.isNull() ? "" : GoValues.sprint(value);
  }

  /** Every declared field with its value, in declaration order. */
  public Map<String, String> values(ObjectNode obj) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : names()) {
      out.put(name, value(obj, name));
    }
    return out;
  }

  // ------------------------------------------------------------------ CRD validation

  /**
   * Upstream's checks of a version's {@code selectableFields} against its {@code openAPIV3Schema}
   * (null when the version has none). {@code fieldPath} names the list, e.g. {@code
   * spec.versions[0].selectableFields}. {@code allowTooMany} is upstream's ratcheting: an update
   * leaving an over-long list unchanged keeps it.
   */
  public static List<FieldError> validate(
      JsonNode selectableFields, JsonNode schema, String fieldPath, boolean allowTooMany) {
    List<FieldError> errors = new ArrayList<>();
    if (selectableFields == null || !selectableFields.isArray() || selectableFields.isEmpty()) {
      return errors;
    }
    if (schema == null || schema.isNull() || schema.isMissingNode()) {
      errors.add(
          FieldError.invalid(
              fieldPath,
              "",
              "may only be set when `version.schema.openAPIV3Schema` is not included"));
      return errors;
    }
    Set<String> unique = new HashSet<>();
    for (int i = 0; i < selectableFields.size(); i++) {
      String path = selectableFields.get(i).path("jsonPath").asText("");
      String at = fieldPath + "[" + i + "].jsonPath";
      if (path.isEmpty()) {
        errors.add(FieldError.required(at, ""));
        continue;
      }
      SchemaFieldPath.Result r = SchemaFieldPath.check(path, schema, at);
      errors.addAll(r.errors());
      if (r.normalized() == null) {
        continue;
      }
      if (!unique.add(r.normalized())) {
        errors.add(FieldError.duplicate(at, path));
      }
    }
    if (unique.size() > MAX && !allowTooMany) {
      errors.add(FieldError.tooMany(fieldPath, unique.size(), MAX));
    }
    return errors;
  }
}
