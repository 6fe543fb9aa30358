package io.kpg.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;

/** Factory for the errors upstream's apimachinery {@code errors} package produces. */
public final class Errors {
  private Errors() {}

  /** {@code pods} or {@code deployments.apps}: how upstream names a resource in messages. */
  public static String qualified(String group, String resource) {
    return group == null || group.isEmpty() ? resource : resource + "." + group;
  }

  public static StatusException notFound(String group, String resource, String name) {
    return new StatusException(
        404,
        "NotFound",
        qualified(group, resource) + " \"" + name + "\" not found",
        StatusException.details(name, group, resource, null));
  }

  public static StatusException alreadyExists(String group, String resource, String name) {
    return new StatusException(
        409,
        "AlreadyExists",
        qualified(group, resource) + " \"" + name + "\" already exists",
        StatusException.details(name, group, resource, null));
  }

  public static StatusException conflict(
      String group, String resource, String name, String detail) {
    return new StatusException(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + qualified(group, resource)
            + " \""
            + name
            + "\": "
            + detail,
        StatusException.details(name, group, resource, null));
  }

  public static final String MODIFIED =
      "the object has been modified; please apply your changes to the latest version and try again";

  public static StatusException invalid(
      String group, String kind, String name, List<FieldError> errs) {
    String msg =
        (group == null || group.isEmpty() ? kind : kind + "." + group)
            + " \""
            + name
            + "\" is invalid: ";
    if (errs.size() == 1) {
      msg += errs.get(0).message();
    } else {
      msg += "[" + errs.stream().map(FieldError::message).collect(Collectors.joining(", ")) + "]";
    }
    List<ObjectNode> causes = errs.stream().map(FieldError::toCause).toList();
    return new StatusException(
        422, "Invalid", msg, StatusException.details(name, group, kind, causes));
  }

  public static StatusException badRequest(String message) {
    return new StatusException(400, "BadRequest", message, null);
  }

  public static StatusException unauthorized() {
    return new StatusException(401, "Unauthorized", "Unauthorized", null);
  }

  public static StatusException forbidden(
      String group, String resource, String name, String message) {
    return new StatusException(
        403, "Forbidden", message, StatusException.details(name, group, resource, null));
  }

  public static StatusException methodNotAllowed(String verb, String resource) {
    return new StatusException(
        405,
        "MethodNotAllowed",
        verb + " is not supported on resources of kind \"" + resource + "\"",
        null);
  }

  public static StatusException notAcceptable(String message) {
    return new StatusException(406, "NotAcceptable", message, null);
  }

  public static StatusException unsupportedMediaType(String contentType, List<String> accepted) {
    return new StatusException(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + String.join(", ", accepted),
        null);
  }

  public static StatusException tooLarge() {
    return new StatusException(
        413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728", null);
  }

  public static StatusException gone(String message) {
    return new StatusException(410, "Expired", message, null);
  }

  public static StatusException timeout(String message, int retryAfter) {
    ObjectNode d = StatusException.details(null, null, null, null);
    d.put("retryAfterSeconds", retryAfter);
    return new StatusException(504, "Timeout", message, d, retryAfter);
  }

  public static StatusException internal(String message) {
    return new StatusException(500, "InternalError", "Internal error occurred: " + message, null);
  }

  public static StatusException serviceUnavailable(String message) {
    return new StatusException(503, "ServiceUnavailable", message, null, 1);
  }
}
