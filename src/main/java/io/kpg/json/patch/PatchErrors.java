package io.kpg.json.patch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import io.kpg.errors.StatusException;
import java.util.List;

/**
 * The errors the patch handler of kube-apiserver answers with, for the ways applying a patch can
 * fail.
 */
public final class PatchErrors {
  private PatchErrors() {}

  /** Upstream's {@code maxJSONPatchOperations}. */
  public static final int MAX_JSON_PATCH_OPERATIONS = 10000;

  /** 400 BadRequest: the patch document is malformed. */
  public static StatusException badRequest(String message) {
    return Errors.badRequest(message);
  }

  /**
   * 422 Invalid as upstream builds it with {@code NewGenericServerResponse(422, ...)}: a generic
   * message, the actual problem carried as the one cause.
   */
  public static StatusException unprocessable(String serverMessage) {
    ObjectNode cause = JsonNodeFactory.instance.objectNode();
    cause.put("reason", "UnexpectedServerResponse");
    cause.put("message", serverMessage);
    return new StatusException(
        422,
        "Invalid",
        "the server rejected our request due to an error in our request",
        StatusException.details(null, null, null, List.of(cause)));
  }

  /**
   * 500 with no reason: what upstream answers when the patch library fails with an error the
   * handler does not translate (it reaches the client as a plain error, message unchanged).
   */
  public static StatusException unexpected(String message) {
    return new StatusException(500, "", message, null);
  }

  /** 413 for a JSON patch with more than {@link #MAX_JSON_PATCH_OPERATIONS} operations. */
  public static StatusException tooManyOperations(int count) {
    return new StatusException(
        413,
        "RequestEntityTooLarge",
        "Request entity too large: The allowed maximum operations in a JSON patch is "
            + MAX_JSON_PATCH_OPERATIONS
            + ", got "
            + count,
        null);
  }
}
