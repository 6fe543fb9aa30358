package io.kpg.kinds.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Test helpers shared by the kind tests. */
public final class T {
  private T() {}

  public static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");

  /** Parses JSON; single quotes are turned into double quotes for readability. */
  public static ObjectNode obj(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** All messages, one per line, for assertions. */
  public static String messages(List<FieldError> errs) {
    return errs.stream().map(FieldError::message).collect(Collectors.joining("\n"));
  }
}
