package io.kpg.crd.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.json.Json;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScalePathsTest {
  private static final ScalePaths PATHS =
      ScalePaths.of(
          Json.parseTrusted(
              "{\"specReplicasPath\":\".spec.replicas\",\"statusReplicasPath\":\".status.replicas\","
                  + "\"labelSelectorPath\":\".status.selector\"}"));

  @Test
  void readsReplicasAndSelector() {
    JsonNode obj =
        Json.parseTrusted(
            "{\"spec\":{\"replicas\":4},\"status\":{\"replicas\":2,\"selector\":\"app=web\"}}");
    assertEquals(OptionalLong.of(4), PATHS.specReplicas(obj));
    assertEquals(2, PATHS.statusReplicas(obj));
    assertEquals("app=web", PATHS.labelSelector(obj));
  }

  @Test
  void missingValues() {
    JsonNode obj = Json.parseTrusted("{\"spec\":{},\"status\":null}");
    assertEquals(OptionalLong.empty(), PATHS.specReplicas(obj));
    assertEquals(0, PATHS.statusReplicas(obj));
    assertEquals("", PATHS.labelSelector(obj));
    assertEquals("", new ScalePaths(".spec.r", ".status.r", "").labelSelector(obj));
  }

  @Test
  void wrongTypesAreUpstreamAccessorErrors() {
    JsonNode obj =
        Json.parseTrusted(
            "{\"spec\":{\"replicas\":1.5},\"status\":{\"selector\":{\"matchLabels\":{}}}}");
    assertEquals(
        ".spec.replicas accessor error: 1.5 is of the type float64, expected int64",
        assertThrows(IllegalArgumentException.class, () -> PATHS.specReplicas(obj)).getMessage());
    assertEquals(
        ".status.selector accessor error: map[matchLabels:map[]] is of the type map[string]interface"
            + " {}, expected string",
        assertThrows(IllegalArgumentException.class, () -> PATHS.labelSelector(obj)).getMessage());
    JsonNode notMap = Json.parseTrusted("{\"status\":\"x\"}");
    assertEquals(
        ".status.replicas accessor error: x is of the type string, expected map[string]interface{}",
        assertThrows(IllegalArgumentException.class, () -> PATHS.statusReplicas(notMap))
            .getMessage());
  }

  @Test
  void validation() {
    assertEquals(
        List.of(),
        ScalePaths.validate(
            Json.parseTrusted(
                "{\"specReplicasPath\":\".spec.r\",\"statusReplicasPath\":\".status.r\","
                    + "\"labelSelectorPath\":\".spec.sel\"}"),
            "sub"));
    assertEquals(
        List.of(
            "sub.scale.specReplicasPath: Invalid value: \".status.r\": should be a json path under"
                + " .spec",
            "sub.scale.statusReplicasPath: Required value",
            "sub.scale.labelSelectorPath: Invalid value: \".metadata.x\": should be a json path"
                + " under either .spec or .status"),
        JsonPathTest.messages(
            ScalePaths.validate(
                Json.parseTrusted(
                    "{\"specReplicasPath\":\".status.r\",\"labelSelectorPath\":\".metadata.x\"}"),
                "sub")));
    assertEquals(
        List.of(
            "sub.scale.specReplicasPath: Invalid value: \"spec.r\": must be a simple json path"
                + " starting with ."),
        JsonPathTest.messages(
            ScalePaths.validate(
                Json.parseTrusted(
                    "{\"specReplicasPath\":\"spec.r\",\"statusReplicasPath\":\".status.r\"}"),
                "sub")));
  }
}
