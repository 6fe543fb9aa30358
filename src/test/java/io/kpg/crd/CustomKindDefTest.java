package io.kpg.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomKindDefTest {

  /** A kind whose spec.l is a list-map keyed by name, with a uniqueness-style CEL rule. */
  static CustomKindDef kind() throws Exception {
    ObjectNode crd =
        (ObjectNode)
            Json.MAPPER.readTree(
                "{\"metadata\":{\"name\":\"gs.example.com\"},\"spec\":{\"group\":\"example.com\","
                    + "\"scope\":\"Namespaced\",\"names\":{\"plural\":\"gs\",\"kind\":\"G\"},"
                    + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
                    + "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\",\"properties\":{\"spec\":"
                    + "{\"type\":\"object\",\"properties\":{\"l\":{\"type\":\"array\",\"maxItems\":8,"
                    + "\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"name\"],"
                    + "\"x-kubernetes-validations\":[{\"rule\":\"self.all(x, x.port > 0)\","
                    + "\"message\":\"ports must be positive\"}],"
                    + "\"items\":{\"type\":\"object\",\"required\":[\"name\"],\"properties\":{"
                    + "\"name\":{\"type\":\"string\",\"maxLength\":8},"
                    + "\"port\":{\"type\":\"integer\"}}}}}}}}}}]}}");
    JsonNode v = crd.at("/spec/versions/0");
    return new CustomKindDef(crd, v, crd.at("/spec/names"), "v1", null, CrdConversion.of(crd));
  }

  static List<String> validate(String spec) throws Exception {
    ObjectNode obj =
        (ObjectNode)
            Json.MAPPER.readTree(
                "{\"apiVersion\":\"example.com/v1\",\"kind\":\"G\",\"metadata\":{\"name\":\"g\"},"
                    + "\"spec\":"
                    + spec
                    + "}");
    return kind().validate(obj).stream().map(FieldError::message).toList();
  }

  @Test
  void rulesStillRunAfterNonBlockingSchemaErrors() throws Exception {
    // a duplicate list-map key does not keep upstream from evaluating the rules
    assertEquals(
        List.of(
            "spec.l[1]: Duplicate value: map[string]interface {}{\"name\":\"a\"}",
            "spec.l: Invalid value: ports must be positive"),
        validate("{\"l\":[{\"name\":\"a\",\"port\":1},{\"name\":\"a\",\"port\":0}]}"));
  }

  @Test
  void blockingSchemaErrorsSkipTheRulesWithANote() throws Exception {
    assertEquals(
        List.of(
            "spec.l[1].name: Required value",
            "<nil>: Invalid value: null: some validation rules were not checked because the"
                + " object was invalid; correct the existing errors to complete validation"),
        validate("{\"l\":[{\"name\":\"a\",\"port\":0},{\"port\":1}]}"));
  }
}
