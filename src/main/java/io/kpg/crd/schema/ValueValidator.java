package io.kpg.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.kpg.errors.FieldError;
import io.kpg.json.GoStrings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Value validation as kube-openapi's schema validator does it for custom resources (validators per
 * node in upstream's order: type, allOf/oneOf/anyOf/not, string, format, number, array, enum,
 * object; errors deduplicated by text; anyOf/oneOf report the branch that matched most), and the
 * conversion of its results to field errors as apiextensions-apiserver makes it.
 */
final class ValueValidator {
  private ValueValidator() {}

  private static final String IN = "body";

  enum Code {
    INVALID_TYPE,
    REQUIRED,
    TOO_LONG,
    TOO_SHORT,
    PATTERN,
    ENUM,
    MULTIPLE_OF,
    MAX,
    MIN,
    UNIQUE,
    MAX_ITEMS,
    MIN_ITEMS,
    TOO_FEW_PROPERTIES,
    TOO_MANY_PROPERTIES,
    UNALLOWED_PROPERTY,
    MULTIPLE_OF_MUST_BE_POSITIVE,
    /** a plain error (composite messages, range checks): reported at the root */
    PLAIN
  }

  /** one kube-openapi error: its code, the value path, the bad value, the limit, the message */
  record Err(
      Code code, String name, Object value, Long valid, List<JsonNode> values, String message) {
    static Err plain(String message) {
      return new Err(Code.PLAIN, null, null, null, null, message);
    }
  }

  static final class Result {
    final List<Err> errors = new ArrayList<>();
    int matchCount;

    void add(Err e) {
      if (e == null) {
        return;
      }
      for (Err r : errors) {
        if (r.message().equals(e.message())) {
          return;
        }
      }
      errors.add(e);
    }

    Result merge(Result... others) {
      for (Result o : others) {
        if (o != null) {
          o.errors.forEach(this::add);
          matchCount += o.matchCount;
        }
      }
      return this;
    }

    boolean valid() {
      return errors.isEmpty();
    }

    static Result of(Err e) {
      Result r = new Result();
      r.add(e);
      return r;
    }
  }

  /** Validates {@code data} against {@code s}; returns upstream's field errors. */
  static List<FieldError> validate(StructuralSchema s, JsonNode data) {
    return toFieldErrors(validate(s, data, ""));
  }

  // ------------------------------------------------------------------ the schema validator

  enum Kind {
    NULL,
    BOOL,
    STRING,
    INT,
    FLOAT,
    ARRAY,
    OBJECT
  }

  static Kind kind(JsonNode d) {
    if (d == null || d.isNull() || d.isMissingNode()) {
      return Kind.NULL;
    }
    if (d.isBoolean()) {
      return Kind.BOOL;
    }
    if (d.isTextual()) {
      return Kind.STRING;
    }
    if (d.isIntegralNumber()) {
      return Kind.INT;
    }
    if (d.isNumber()) {
      return Kind.FLOAT;
    }
    if (d.isArray()) {
      return Kind.ARRAY;
    }
    return Kind.OBJECT;
  }

  static List<String> types(StructuralSchema s) {
    if (s.intOrString) {
      return List.of("integer", "string");
    }
    return s.type == null || s.type.isEmpty() ? List.of() : List.of(s.type);
  }

  static Result validate(StructuralSchema s, JsonNode data, String path) {
    Result result = new Result();
    Kind kind = kind(data);
    if (kind == Kind.NULL) {
      result.merge(typeCheck(s, data, kind, path));
      result.merge(enumCheck(s, data, path));
      return result;
    }
    if (!types(s).isEmpty() || s.effectiveFormat != null) {
      result.merge(typeCheck(s, data, kind, path));
      result.matchCount++;
    }
    result.merge(composition(s, data, path));
    result.matchCount++;
    if (kind == Kind.STRING) {
      result.merge(stringCheck(s, data.textValue(), path));
      result.matchCount++;
      if (Formats.known(s.effectiveFormat)) {
        if (!Formats.valid(s.effectiveFormat, data.textValue())) {
          result.add(invalidType(path, s.effectiveFormat, data.textValue()));
        }
        result.matchCount++;
      }
    }
    if (kind == Kind.INT || kind == Kind.FLOAT) {
      result.merge(numberCheck(s, data, kind, path));
      result.matchCount++;
    }
    if (kind == Kind.ARRAY) {
      result.merge(arrayCheck(s, data, path));
      result.matchCount++;
    }
    result.merge(enumCheck(s, data, path));
    result.matchCount++;
    if (kind == Kind.OBJECT) {
      result.merge(objectCheck(s, data, path));
      result.matchCount++;
    }
    result.matchCount++;
    return result;
  }

  private static Err invalidType(String path, String typeName, String value) {
    return new Err(
        Code.INVALID_TYPE,
        path,
        value,
        null,
        null,
        path + " in " + IN + " must be of type " + typeName + ": " + GoStrings.quote(value));
  }

  private static Result typeCheck(StructuralSchema s, JsonNode data, Kind kind, String path) {
    List<String> types = types(s);
    String joined = String.join(",", types);
    Result ok = new Result();
    ok.matchCount = 1;
    if (kind == Kind.NULL) {
      if (!types.isEmpty() && !types.contains("null") && !s.nullable) {
        return Result.of(invalidType(path, joined, "null"));
      }
      return ok;
    }
    String schType =
        switch (kind) {
          case BOOL -> "boolean";
          case STRING -> "string";
          case INT -> "integer";
          case FLOAT -> "number";
          case ARRAY -> "array";
          default -> "object";
        };
    String format = kind == Kind.INT ? "int64" : kind == Kind.FLOAT ? "float64" : "";
    boolean isFloatInt =
        kind == Kind.FLOAT && isJsonInteger(data.doubleValue()) && types.contains("integer");
    boolean isIntFloat = kind == Kind.INT && types.contains("number");
    String f = s.effectiveFormat;
    if (kind != Kind.STRING
        && kind != Kind.ARRAY
        && f != null
        && !(types.contains(schType) || format.equals(f) || isFloatInt || isIntFloat)) {
      return Result.of(invalidType(path, f, format));
    }
    if (!(types.contains("number") || types.contains("integer"))
        && f != null
        && (kind == Kind.STRING || kind == Kind.ARRAY)) {
      return ok;
    }
    if (!(types.contains(schType) || isFloatInt || isIntFloat)) {
      return Result.of(invalidType(path, joined, schType));
    }
    return ok;
  }

  /** swag.IsFloat64AJSONInteger */
  static boolean isJsonInteger(double f) {
    if (Double.isNaN(f) || Double.isInfinite(f) || Math.abs(f) > 9007199254740991d) {
      return false;
    }
    return f == Math.rint(f);
  }

  private static Result composition(StructuralSchema s, JsonNode data, String path) {
    Result main = new Result();
    if (!s.anyOf.isEmpty()) {
      Result best = null;
      Result firstSuccess = null;
      boolean succeeded = false;
      for (StructuralSchema sub : s.anyOf) {
        Result r = validate(sub, data, path);
        if (r.valid()) {
          best = null;
          succeeded = true;
          firstSuccess = r;
          break;
        }
        if (best == null || r.matchCount > best.matchCount) {
          best = r;
        }
      }
      if (!succeeded) {
        main.add(Err.plain(GoStrings.quote(path) + " must validate at least one schema (anyOf)"));
      }
      main.merge(best != null ? best : firstSuccess);
    }
    if (!s.oneOf.isEmpty()) {
      Result best = null;
      Result firstSuccess = null;
      int validated = 0;
      for (StructuralSchema sub : s.oneOf) {
        Result r = validate(sub, data, path);
        if (r.valid()) {
          validated++;
          best = null;
          if (firstSuccess == null) {
            firstSuccess = r;
          }
          continue;
        }
        if (validated == 0 && (best == null || r.matchCount > best.matchCount)) {
          best = r;
        }
      }
      if (validated != 1) {
        String more =
            validated == 0 ? "Found none valid" : "Found " + validated + " valid alternatives";
        main.add(
            Err.plain(
                GoStrings.quote(path) + " must validate one and only one schema (oneOf). " + more));
        main.merge(best);
      } else {
        main.merge(firstSuccess);
      }
    }
    if (!s.allOf.isEmpty()) {
      int validated = 0;
      for (StructuralSchema sub : s.allOf) {
        Result r = validate(sub, data, path);
        if (r.valid()) {
          validated++;
        }
        main.merge(r);
      }
      if (validated != s.allOf.size()) {
        main.add(
            Err.plain(
                GoStrings.quote(path)
                    + " must validate all the schemas (allOf)"
                    + (validated == 0 ? ". None validated" : "")));
      }
    }
    if (s.not != null && validate(s.not, data, path).valid()) {
      main.add(Err.plain(GoStrings.quote(path) + " must not validate the schema (not)"));
    }
    main.matchCount++;
    return main;
  }

  private static final Map<String, Object> PATTERNS = new ConcurrentHashMap<>();

  /** A compiled pattern, or the compile error's text. */
  static Object compile(String pattern) {
    if (PATTERNS.size() > 10_000) {
      PATTERNS.clear(); // a bound for many CRDs with many patterns; entries are cheap to rebuild
    }
    return PATTERNS.computeIfAbsent(
        pattern,
        p -> {
          try {
            return Pattern.compile(p);
          } catch (PatternSyntaxException e) {
            return "error parsing regexp: " + e.getDescription();
          }
        });
  }

  private static Result stringCheck(StructuralSchema s, String data, String path) {
    long len = data.codePointCount(0, data.length());
    if (s.maxLength != null && len > s.maxLength) {
      return Result.of(
          new Err(
              Code.TOO_LONG,
              path,
              data,
              s.maxLength,
              null,
              path + " in " + IN + " should be at most " + s.maxLength + " chars long"));
    }
    if (s.minLength != null && len < s.minLength) {
      return Result.of(
          new Err(
              Code.TOO_SHORT,
              path,
              data,
              s.minLength,
              null,
              path + " in " + IN + " should be at least " + s.minLength + " chars long"));
    }
    if (s.pattern != null && !s.pattern.isEmpty()) {
      Object re = compile(s.pattern);
      String shown = s.pattern;
      boolean fail;
      if (re instanceof Pattern p) {
        fail = !p.matcher(data).find();
      } else {
        fail = true;
        shown = s.pattern + ", but pattern is invalid: " + re;
      }
      if (fail) {
        return Result.of(
            new Err(
                Code.PATTERN,
                path,
                data,
                null,
                null,
                path + " in " + IN + " should match '" + shown + "'"));
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ numbers

  /** the number as strconv would print it for a range check */
  private static String numberText(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    return new BigDecimal(Double.toString(v.doubleValue())).stripTrailingZeros().toPlainString();
  }

  private static String numberText(double d) {
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  /** IsValueValidAgainstRange: null when the value fits the type/format, else the plain error */
  private static Err rangeCheck(
      String text, String typeName, String format, String prefix, String path) {
    boolean bad = false;
    if ("integer".equals(typeName)) {
      try {
        long v = Long.parseLong(text);
        if ("int32".equals(format) && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
          bad = true;
        }
      } catch (NumberFormatException e) {
        bad = true;
      }
    } else if ("float".equals(format)) {
      double d = Double.parseDouble(text);
      bad = Math.abs(d) > Float.MAX_VALUE;
    }
    if (!bad) {
      return null;
    }
    if (format != null && !format.isEmpty()) {
      return Err.plain(
          prefix + " value must be of type " + typeName + " with format " + format + " in " + path);
    }
    return Err.plain(
        prefix + " value must be of type " + typeName + " (default format) in " + path);
  }

  private static Result numberCheck(StructuralSchema s, JsonNode val, Kind kind, String path) {
    String typeName = "";
    String format = "";
    if (!s.intOrString && s.type != null) {
      if (s.type.equals("integer")) {
        typeName = "integer";
        if ("int32".equals(s.format) || "int64".equals(s.format)) {
          format = s.format;
        }
      } else if (s.type.equals("number")) {
        typeName = "number";
        if ("float".equals(s.format) || "double".equals(s.format)) {
          format = s.format;
        }
      }
    }
    boolean isInt = kind == Kind.INT;
    double data = val.doubleValue();
    Object shown = GoFmt.value(val);
    Result res = new Result();
    res.add(rangeCheck(numberText(val), typeName, format, "Checked", path));
    Result resMultiple = new Result();
    if (s.multipleOf != null) {
      Err range = rangeCheck(numberText(s.multipleOf), typeName, format, "MultipleOf", path);
      resMultiple.add(range);
      double factor = s.multipleOf;
      if (range == null && isInt) {
        long f = (long) factor;
        if (f <= 0) {
          resMultiple.add(
              mustBePositive(path, String.valueOf(f), new GoFmt.Rendered(String.valueOf(f))));
        } else if (val.longValue() % f != 0) {
          resMultiple.add(notMultiple(path, String.valueOf(f), shown));
        }
      } else if (factor <= 0) {
        resMultiple.add(
            mustBePositive(path, GoFmt.floatV(factor), new GoFmt.Rendered(GoFmt.floatV(factor))));
      } else {
        double mult = factor < 1 ? 1 / factor * data : data / factor;
        if (!isJsonInteger(mult)) {
          resMultiple.add(notMultiple(path, GoFmt.floatV(factor), shown));
        }
      }
    }
    Result resMinimum = new Result();
    if (s.minimum != null) {
      Err range = rangeCheck(numberText(s.minimum), typeName, format, "Minimum boundary", path);
      resMinimum.add(range);
      boolean ex = s.exclusiveMinimum;
      if (range == null && isInt) {
        long min = (long) (double) s.minimum;
        long v = val.longValue();
        if ((!ex && v < min) || (ex && v <= min)) {
          resMinimum.add(bound(Code.MIN, path, ex, String.valueOf(min), shown));
        }
      } else if ((!ex && data < s.minimum) || (ex && data <= s.minimum)) {
        resMinimum.add(bound(Code.MIN, path, ex, GoFmt.floatV(s.minimum), shown));
      }
    }
    Result resMaximum = new Result();
    if (s.maximum != null) {
      Err range = rangeCheck(numberText(s.maximum), typeName, format, "Maximum boundary", path);
      resMaximum.add(range);
      boolean ex = s.exclusiveMaximum;
      if (range == null && isInt) {
        long max = (long) (double) s.maximum;
        long v = val.longValue();
        if ((!ex && v > max) || (ex && v >= max)) {
          resMaximum.add(bound(Code.MAX, path, ex, String.valueOf(max), shown));
        }
      } else if ((!ex && data > s.maximum) || (ex && data >= s.maximum)) {
        resMaximum.add(bound(Code.MAX, path, ex, GoFmt.floatV(s.maximum), shown));
      }
    }
    res.merge(resMultiple, resMinimum, resMaximum);
    res.matchCount++;
    return res;
  }

  private static Err mustBePositive(String path, String factor, Object value) {
    return new Err(
        Code.MULTIPLE_OF_MUST_BE_POSITIVE,
        path,
        value,
        null,
        null,
        "factor MultipleOf declared for " + path + " must be positive: " + factor);
  }

  private static Err notMultiple(String path, String factor, Object value) {
    return new Err(
        Code.MULTIPLE_OF,
        path,
        value,
        null,
        null,
        path + " in " + IN + " should be a multiple of " + factor);
  }

  private static Err bound(Code code, String path, boolean exclusive, String limit, Object value) {
    String rel;
    if (code == Code.MAX) {
      rel = exclusive ? "should be less than " : "should be less than or equal to ";
    } else {
      rel = exclusive ? "should be greater than " : "should be greater than or equal to ";
    }
    return new Err(code, path, value, null, null, path + " in " + IN + " " + rel + limit);
  }

  // ------------------------------------------------------------------ arrays, enums, objects

  private static Result arrayCheck(StructuralSchema s, JsonNode data, String path) {
    Result res = new Result();
    int size = data.size();
    if (s.items != null) {
      for (int i = 0; i < size; i++) {
        res.merge(validate(s.items, data.get(i), path + "[" + i + "]"));
      }
    }
    if (s.minItems != null && size < s.minItems) {
      res.add(
          new Err(
              Code.MIN_ITEMS,
              path,
              (long) size,
              s.minItems,
              null,
              path + " in " + IN + " should have at least " + s.minItems + " items"));
    }
    if (s.maxItems != null && size > s.maxItems) {
      res.add(
          new Err(
              Code.MAX_ITEMS,
              path,
              (long) size,
              s.maxItems,
              null,
              path + " in " + IN + " should have at most " + s.maxItems + " items"));
    }
    if (s.uniqueItems) {
      outer:
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < i; j++) {
          if (deepEqual(data.get(i), data.get(j))) {
            res.add(
                new Err(
                    Code.UNIQUE,
                    path,
                    null,
                    null,
                    null,
                    path + " in " + IN + " shouldn't contain duplicates"));
            break outer;
          }
        }
      }
    }
    res.matchCount++;
    return res;
  }

  /** reflect.DeepEqual of decoded JSON: int64 and float64 differ, maps compare by key */
  static boolean deepEqual(JsonNode a, JsonNode b) {
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (ka != kb) {
      return false;
    }
    switch (ka) {
      case NULL:
        return true;
      case INT:
        return a.bigIntegerValue().equals(b.bigIntegerValue());
      case FLOAT:
        return a.doubleValue() == b.doubleValue();
      case ARRAY:
        if (a.size() != b.size()) {
          return false;
        }
        for (int i = 0; i < a.size(); i++) {
          if (!deepEqual(a.get(i), b.get(i))) {
            return false;
          }
        }
        return true;
      case OBJECT:
        if (a.size() != b.size()) {
          return false;
        }
        Iterator<Map.Entry<String, JsonNode>> it = a.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode o = b.get(e.getKey());
          if (o == null || !deepEqual(e.getValue(), o)) {
            return false;
          }
        }
        return true;
      default:
        return a.equals(b);
    }
  }

  /** an enum member equals the value, converting numbers to the member's Go type first */
  private static boolean enumMatches(JsonNode data, JsonNode member) {
    Kind kd = kind(data);
    Kind km = kind(member);
    if (km == Kind.NULL || kd == Kind.NULL) {
      return false;
    }
    if (km == Kind.INT && kd == Kind.INT) {
      return data.bigIntegerValue().equals(member.bigIntegerValue());
    }
    if (km == Kind.INT && kd == Kind.FLOAT) {
      return (long) data.doubleValue() == member.longValue();
    }
    if (km == Kind.FLOAT && (kd == Kind.INT || kd == Kind.FLOAT)) {
      return data.doubleValue() == member.doubleValue();
    }
    return deepEqual(data, member);
  }

  private static Result enumCheck(StructuralSchema s, JsonNode data, String path) {
    if (s.enumValues.isEmpty()) {
      return null;
    }
    for (JsonNode m : s.enumValues) {
      if (enumMatches(data, m)) {
        return null;
      }
    }
    List<String> shown = new ArrayList<>();
    s.enumValues.forEach(v -> shown.add(goV(v)));
    Object value = kind(data) == Kind.NULL ? new GoFmt.Rendered("null") : GoFmt.value(data);
    return Result.of(
        new Err(
            Code.ENUM,
            path,
            value,
            null,
            s.enumValues,
            path + " in " + IN + " should be one of [" + String.join(" ", shown) + "]"));
  }

  /** Go's %v of a decoded JSON value (inside a slice) */
  static String goV(JsonNode n) {
    switch (kind(n)) {
      case NULL:
        return "<nil>";
      case STRING:
        return n.textValue();
      case ARRAY:
        {
          List<String> parts = new ArrayList<>();
          n.forEach(e -> parts.add(goV(e)));
          return "[" + String.join(" ", parts) + "]";
        }
      case OBJECT:
        {
          java.util.TreeMap<String, JsonNode> m = new java.util.TreeMap<>();
          n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
          List<String> parts = new ArrayList<>();
          m.forEach((k, v) -> parts.add(k + ":" + goV(v)));
          return "map[" + String.join(" ", parts) + "]";
        }
      default:
        return GoFmt.value(n).toString();
    }
  }

  private static Result objectCheck(StructuralSchema s, JsonNode data, String path) {
    Result res = new Result();
    long numKeys = data.size();
    if (s.minProperties != null && numKeys < s.minProperties) {
      res.add(
          new Err(
              Code.TOO_FEW_PROPERTIES,
              path,
              numKeys,
              s.minProperties,
              null,
              path + " in " + IN + " should have at least " + s.minProperties + " properties"));
    }
    if (s.maxProperties != null && numKeys > s.maxProperties) {
      res.add(
          new Err(
              Code.TOO_MANY_PROPERTIES,
              path,
              numKeys,
              s.maxProperties,
              null,
              path + " in " + IN + " should have at most " + s.maxProperties + " properties"));
    }
    if (Boolean.FALSE.equals(s.additionalPropertiesAllowed)) {
      data.fieldNames()
          .forEachRemaining(
              k -> {
                if (!s.properties.containsKey(k)) {
                  res.add(
                      new Err(
                          Code.UNALLOWED_PROPERTY,
                          path,
                          k,
                          null,
                          null,
                          path + "." + k + " in " + IN + " is a forbidden property"));
                }
              });
    } else if (s.additionalProperties != null) {
      data.fields()
          .forEachRemaining(
              e -> {
                if (!s.properties.containsKey(e.getKey())) {
                  res.merge(
                      validate(s.additionalProperties, e.getValue(), path + "." + e.getKey()));
                }
              });
    }
    for (Map.Entry<String, StructuralSchema> e : s.properties.entrySet()) {
      JsonNode v = data.get(e.getKey());
      if (v != null) {
        String name = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        res.merge(validate(e.getValue(), v, name));
      }
    }
    for (String k : s.required) {
      if (!data.has(k)) {
        res.add(
            new Err(
                Code.REQUIRED,
                path + "." + k,
                null,
                null,
                null,
                path + "." + k + " in " + IN + " is required"));
      }
    }
    return res;
  }

  // ------------------------------------------------------------------ to field errors

  static List<FieldError> toFieldErrors(Result r) {
    List<FieldError> out = new ArrayList<>();
    for (Err e : r.errors) {
      if (e.code() == Code.PLAIN) {
        out.add(FieldError.invalid("<nil>", "", e.message()));
        continue;
      }
      String name = e.name();
      String field =
          name == null || name.isEmpty() || name.equals(".")
              ? "<nil>"
              : name.startsWith(".") ? name.substring(1) : name;
      Object value = e.value() == null ? "" : e.value();
      switch (e.code()) {
        case REQUIRED -> out.add(FieldError.required(field, null));
        case ENUM -> {
          List<String> allowed = new ArrayList<>();
          for (JsonNode v : e.values()) {
            allowed.add(v.isTextual() ? v.textValue() : v.toString());
          }
          out.add(FieldError.notSupported(field, e.value(), allowed));
        }
        case TOO_LONG -> {
          long max = e.valid();
          out.add(
              new FieldError(
                  FieldError.Type.TOO_LONG,
                  field,
                  null,
                  "may not be more than " + max + (max == 1 ? " byte" : " bytes")));
        }
        case MAX_ITEMS, TOO_MANY_PROPERTIES -> {
          long max = e.valid();
          out.add(
              new FieldError(
                  FieldError.Type.TOO_MANY,
                  field,
                  e.value(),
                  "must have at most " + max + (max == 1 ? " item" : " items")));
        }
        case INVALID_TYPE ->
            out.add(new FieldError(FieldError.Type.TYPE_INVALID, field, value, e.message()));
        default -> out.add(FieldError.invalid(field, value, e.message()));
      }
    }
    return out;
  }
}
