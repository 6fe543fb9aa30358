package io.kpg.crd.columns;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.errors.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a selectable field's path against a CRD's {@code openAPIV3Schema}, as upstream's CEL
 * field-path check does with array notation turned off: {@code .a.b} where each name is a declared
 * property, or a key of an object with {@code additionalProperties}; the field reached must be a
 * string, boolean or integer outside {@code metadata}.
 */
final class SchemaFieldPath {
  private SchemaFieldPath() {}

  private static final String TYPE_DETAIL =
      "must point to a field of type string, boolean or integer. Enum string fields and strings"
          + " with formats are allowed.";

  /** The errors for one path, and its normalized form (for duplicates) when it resolved. */
  record Result(String normalized, List<FieldError> errors) {}

  static Result check(String path, JsonNode schema, String fieldPath) {
    String normalized;
    String root;
    JsonNode found;
    try {
      StringBuilder norm = new StringBuilder();
      String first = null;
      JsonNode cur = schema;
      List<String> tokens = tokens(path);
      for (int i = 0; i < tokens.size(); i++) {
        String tok = tokens.get(i);
        if (tok.equals("[")) {
          throw new IllegalArgumentException("array notation is not allowed");
        } else if (!tok.equals(".")) {
          throw new IllegalArgumentException("expected [ or . but got: " + tok);
        }
        if (++i >= tokens.size()) {
          throw new IllegalArgumentException("unexpected end of JSON path");
        }
        String name = tokens.get(i);
        JsonNode props = cur == null ? null : cur.get("properties");
        JsonNode additional = cur == null ? null : cur.get("additionalProperties");
        String element;
        if (props != null && props.isObject() && !props.isEmpty()) {
          if (!props.has(name)) {
            throw new IllegalArgumentException("does not refer to a valid field");
          }
          cur = props.get(name);
          element = norm.length() == 0 ? name : "." + name;
        } else if (additional != null && !additional.isNull()) {
          cur = additional.isObject() ? additional : null;
          element = "[" + name + "]";
        } else {
          throw new IllegalArgumentException("does not refer to a valid field");
        }
        if (first == null) {
          first = element;
        }
        norm.append(element);
      }
      normalized = norm.toString();
      root = first;
      found = cur;
    } catch (IllegalArgumentException e) {
      return new Result(
          null,
          List.of(FieldError.invalid(fieldPath, path, "is an invalid path: " + e.getMessage())));
    }
    List<FieldError> errors = new ArrayList<>();
    if ("metadata".equals(root)) {
      errors.add(FieldError.invalid(fieldPath, path, "must not point to fields in metadata"));
    }
    String type = found == null ? "" : found.path("type").asText("");
    if (!type.equals("string") && !type.equals("boolean") && !type.equals("integer")) {
      errors.add(FieldError.invalid(fieldPath, path, TYPE_DETAIL));
    }
    return new Result(normalized, errors);
  }

  /**
   * Splits a path into the delimiters {@code .}, {@code [}, {@code ]} and the text between them;
   * text starting with a single quote runs to the next unescaped single quote.
   */
  static List<String> tokens(String path) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      int j;
      if (c == '\'') {
        j = i + 1;
        while (j < n && !(path.charAt(j) == '\'' && path.charAt(j - 1) != '\\')) {
          j++;
        }
        j = Math.min(j + 1, n);
      } else if (c == '.' || c == '[' || c == ']') {
        j = i + 1;
      } else {
        j = i;
        while (j < n && ".[]".indexOf(path.charAt(j)) < 0) {
          j++;
        }
      }
      out.add(path.substring(i, j));
      i = j;
    }
    return out;
  }
}
