package io.kpg.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * One validation problem at a field path, shaped like upstream's field.Error: the cause type
 * decides both the {@code StatusCause.reason} and the wording of the message.
 */
public record FieldError(Type type, String field, Object badValue, String detail) {

  public enum Type {
    NOT_FOUND("FieldValueNotFound", "Not found"),
    REQUIRED("FieldValueRequired", "Required value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    INTERNAL("InternalError", "Internal error"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value");

    public final String reason;
    public final String text;

    Type(String reason, String text) {
      this.reason = reason;
      this.text = text;
    }
  }

  /**
   * Bad value that is left out of the message (upstream's {@code field.OmitValueType}), e.g. for
   * objects and arrays that failed a CEL validation rule.
   */
  public static final Object OMIT_VALUE =
      new Object() {
        @Override
        public String toString() {
          return "<omitted>";
        }
      };

  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, null, detail);
  }

  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(Type.INVALID, field, value, detail);
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  public static FieldError duplicate(String field, Object value) {
    return new FieldError(Type.DUPLICATE, field, value, null);
  }

  public static FieldError notFound(String field, Object value) {
    return new FieldError(Type.NOT_FOUND, field, value, null);
  }

  public static FieldError tooLong(String field, Object value, int max) {
    return new FieldError(Type.TOO_LONG, field, value, "may not be more than " + max + " bytes");
  }

  public static FieldError tooMany(String field, int actual, int max) {
    return new FieldError(Type.TOO_MANY, field, actual, "must have at most " + max + " items");
  }

  public static FieldError notSupported(String field, Object value, Collection<String> allowed) {
    String d =
        allowed == null || allowed.isEmpty()
            ? null
            : "supported values: "
                + allowed.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", "));
    return new FieldError(Type.NOT_SUPPORTED, field, value, d);
  }

  /** Upstream's rendering: {@code <field>: <type text>[: <value>][: <detail>]}. */
  public String message() {
    return field + ": " + body();
  }

  /**
   * The message without the leading field path (upstream's {@code ErrorBody}), as a Status cause
   * carries it next to its {@code field}.
   */
  public String body() {
    StringBuilder sb = new StringBuilder();
    sb.append(type.text);
    if (type == Type.REQUIRED || type == Type.FORBIDDEN || type == Type.TOO_MANY) {
      if (type == Type.TOO_MANY && badValue != null) {
        sb.append(": ").append(badValue);
      }
    } else if (type != Type.INTERNAL
        && badValue != OMIT_VALUE
        && (badValue != null || type == Type.INVALID)) {
      sb.append(": ").append(renderValue(badValue));
    }
    if (detail != null && !detail.isEmpty()) {
      sb.append(": ").append(detail);
    }
    return sb.toString();
  }

  private static String renderValue(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    if (v instanceof JsonNode n) {
      if (n.isTextual()) {
        return renderValue(n.textValue());
      }
      return n.toString();
    }
    return String.valueOf(v);
  }

  public ObjectNode toCause() {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("reason", type.reason);
    c.put("message", body());
    c.put("field", field);
    return c;
  }
}
