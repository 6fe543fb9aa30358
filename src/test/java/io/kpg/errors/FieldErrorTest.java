package io.kpg.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldErrorTest {

  @Test
  void causesCarryTheMessageWithoutTheFieldAsUpstreamsErrorBody() {
    FieldError e = FieldError.invalid("metadata.name", "Foo", "must be lowercase");
    assertEquals("metadata.name: Invalid value: \"Foo\": must be lowercase", e.message());
    assertEquals("Invalid value: \"Foo\": must be lowercase", e.body());
    JsonNode status = Errors.invalid("", "ConfigMap", "Foo", List.of(e)).toStatus();
    // kubectl prints "<field>: <message>" per cause: the field must not appear twice
    assertEquals(
        "Invalid value: \"Foo\": must be lowercase",
        status.at("/details/causes/0/message").asText());
    assertEquals("metadata.name", status.at("/details/causes/0/field").asText());
    assertEquals(
        "ConfigMap \"Foo\" is invalid: metadata.name: Invalid value: \"Foo\": must be lowercase",
        status.path("message").asText());
  }
}
