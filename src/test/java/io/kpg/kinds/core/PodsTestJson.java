package io.kpg.kinds.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import java.util.List;
import java.util.stream.Collectors;

/** Test helpers: JSON from single-quoted text, and error lists as messages. */
public final class PodsTestJson {
  private PodsTestJson() {}

  public static ObjectNode obj(String singleQuoted) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static List<String> messages(List<FieldError> errs) {
    return errs.stream().map(FieldError::message).collect(Collectors.toList());
  }
}
