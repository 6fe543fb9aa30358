package io.kpg.crd.columns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.kinds.core.RestKinds;
import io.kpg.registry.KindDef.Column;
import io.kpg.registry.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Table of a custom resource version, as upstream's CR table convertor builds it: a Name
 * column, then the version's {@code additionalPrinterColumns} (or, when it declares none, one
 * {@code Age} column of type date over {@code .metadata.creationTimestamp}). No Age column is added
 * to declared columns.
 *
 * <p>Cells take the first match of the column's path only. Typing follows the declared type: {@code
 * integer} gives a long (a float is truncated), {@code number} a double, {@code boolean} a boolean,
 * {@code date} the human age of an RFC 3339 string ({@code <invalid>} when unparsable, {@code
 * <unknown>} when empty), {@code string} the printed value (containers as JSON, null as {@code <no
 * value>}); a missing value, an evaluation error or a value of another JSON type gives null.
 */
public final class PrinterColumns {
  /** Upstream's accepted {@code type} values, in the order its messages list them. */
  public static final List<String> TYPES =
      List.of("boolean", "date", "integer", "number", "string");

  /** Upstream's accepted {@code format} values, in the order its messages list them. */
  public static final List<String> FORMATS =
      List.of("byte", "date", "date-time", "double", "float", "int32", "int64", "password");

  private static final String DEFAULT_DESCRIPTION =
      "Custom resource definition column (in JSONPath format): ";
  private static final Pattern RFC3339 =
      Pattern.compile(
          "([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})");
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private final List<Column> columns;
  private final List<JsonPath> paths;
  private final String problem;

  private PrinterColumns(List<Column> columns, List<JsonPath> paths, String problem) {
    this.columns = Collections.unmodifiableList(columns);
    this.paths = List.copyOf(paths);
    this.problem = problem;
  }

  /**
   * The table of a version with these {@code additionalPrinterColumns} (null, missing or empty for
   * none). A column whose path does not parse ends the list there, as upstream keeps the columns
   * before it; {@link #problem()} then says which one.
   */
  public static PrinterColumns of(JsonNode additionalPrinterColumns) {
    List<JsonNode> defs = new ArrayList<>();
    if (additionalPrinterColumns != null && additionalPrinterColumns.isArray()) {
      additionalPrinterColumns.forEach(defs::add);
    }
    if (defs.isEmpty()) {
      return build(List.of(ageDefinition()));
    }
    return build(defs);
  }

  private static ObjectNode ageDefinition() {
    ObjectNode age = Json.object();
    age.put("name", "Age").put("type", "date").put("description", RestKinds.AGE_DESC);
    age.put("jsonPath", ".metadata.creationTimestamp");
    return age;
  }

  private static PrinterColumns build(List<JsonNode> defs) {
    List<Column> columns = new ArrayList<>();
    columns.add(RestKinds.nameColumn());
    List<JsonPath> paths = new ArrayList<>();
    for (JsonNode def : defs) {
      String jsonPath = def.path("jsonPath").asText("");
      JsonPath path;
      try {
        path = JsonPath.expression(jsonPath).allowMissingKeys(true);
      } catch (JsonPathException e) {
        return new PrinterColumns(
            columns, paths, "unrecognized column definition \"" + jsonPath + "\"");
      }
      String description = def.path("description").asText("");
      columns.add(
          new Column(
              def.path("name").asText(""),
              def.path("type").asText(""),
              def.path("format").asText(""),
              description.isEmpty() ? DEFAULT_DESCRIPTION + jsonPath : description,
              def.path("priority").asInt(0)));
      paths.add(path);
    }
    return new PrinterColumns(columns, paths, null);
  }

  /** Name, then one column per printer column. */
  public List<Column> columns() {
    return columns;
  }

  /** Why the declared columns were cut short, when one of their paths did not parse. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** The cells of one object, in {@link #columns()} order; dates aged at {@code now}. */
  public List<Object> row(ObjectNode obj, Instant now) {
    List<Object> cells = new ArrayList<>(columns.size());
    cells.add(obj.path("metadata").path("name").asText(""));
    for (int i = 0; i < paths.size(); i++) {
      cells.add(cell(columns.get(i + 1).type(), paths.get(i), obj, now));
    }
    return cells;
  }

  /** {@link #row(ObjectNode, Instant)} aged at the current time. */
  public List<Object> row(ObjectNode obj) {
    return row(obj, Instant.now());
  }

  private static Object cell(String type, JsonPath path, JsonNode obj, Instant now) {
    List<List<JsonNode>> results;
    try {
      results = path.findResults(obj);
    } catch (JsonPathException e) {
      return null;
    }
    if (results.isEmpty() || results.get(0).isEmpty()) {
      return null;
    }
    JsonNode value = results.get(0).get(0);
    if (type.equals("string")) {
      return value.isNull() ? "<no value>" : GoValues.text(value);
    }
    return typed(type, value, now);
  }

  private static Object typed(String type, JsonNode value, Instant now) {
    GoValues.Kind kind = GoValues.kind(value);
    switch (type) {
      case "integer":
        if (kind == GoValues.Kind.INT || kind == GoValues.Kind.FLOAT) {
          return kind == GoValues.Kind.INT ? value.longValue() : (long) value.doubleValue();
        }
        return null;
      case "number":
        return kind == GoValues.Kind.INT || kind == GoValues.Kind.FLOAT
            ? value.doubleValue()
            : null;
      case "boolean":
        return kind == GoValues.Kind.BOOL ? value.booleanValue() : null;
      case "date":
        return kind == GoValues.Kind.STRING ? age(value.textValue(), now) : null;
      default:
        return null;
    }
  }

  /** An RFC 3339 timestamp as a human age, the way upstream renders date cells. */
  static String age(String timestamp, Instant now) {
    if (timestamp.isEmpty() || timestamp.equals("null")) {
      return "<unknown>";
    }
    Matcher m = RFC3339.matcher(timestamp);
    if (!m.matches()) {
      return "<invalid>";
    }
    String fraction = m.group(2) == null ? "" : m.group(2);
    if (fraction.length() > 10) {
      fraction = fraction.substring(0, 10);
    }
    Instant t;
    try {
      t = OffsetDateTime.parse(m.group(1) + fraction + m.group(3)).toInstant();
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
    if (t.equals(GO_ZERO_TIME)) {
      return "<unknown>";
    }
    return Tables.humanDuration(Duration.between(t, now));
  }

  // ------------------------------------------------------------------ CRD validation

  /**
   * Upstream's static checks of one {@code additionalPrinterColumns} list; {@code fieldPath} names
   * the list, e.g. {@code spec.versions[0].additionalPrinterColumns}.
   */
  public static List<FieldError> validate(JsonNode additionalPrinterColumns, String fieldPath) {
    List<FieldError> errors = new ArrayList<>();
    if (additionalPrinterColumns != null && additionalPrinterColumns.isArray()) {
      for (int i = 0; i < additionalPrinterColumns.size(); i++) {
        errors.addAll(validateColumn(additionalPrinterColumns.get(i), fieldPath + "[" + i + "]"));
      }
    }
    return errors;
  }

  /** Checks one column: name required, type and format among upstream's, jsonPath a path. */
  public static List<FieldError> validateColumn(JsonNode column, String fieldPath) {
    List<FieldError> errors = new ArrayList<>();
    if (column.path("name").asText("").isEmpty()) {
      errors.add(FieldError.required(fieldPath + ".name", ""));
    }
    String typeDetail = "must be one of " + String.join(",", TYPES);
    String type = column.path("type").asText("");
    if (type.isEmpty()) {
      errors.add(FieldError.required(fieldPath + ".type", typeDetail));
    } else if (!TYPES.contains(type)) {
      errors.add(FieldError.invalid(fieldPath + ".type", type, typeDetail));
    }
    String format = column.path("format").asText("");
    if (!format.isEmpty() && !FORMATS.contains(format)) {
      errors.add(
          FieldError.invalid(
              fieldPath + ".format", format, "must be one of " + String.join(",", FORMATS)));
    }
    errors.addAll(
        JsonPath.validateColumnPath(column.path("jsonPath").asText(""), fieldPath + ".JSONPath"));
    return errors;
  }
}
