package io.kpg.crd.columns;

/**
 * A template that does not parse, or an evaluation that fails (an index out of bounds, a filter
 * comparing a string with a number, ...). The message is the one client-go's jsonpath gives.
 */
public final class JsonPathException extends RuntimeException {
  public JsonPathException(String message) {
    super(message);
  }
}
