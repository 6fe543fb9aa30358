package io.kpg.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;

/** Conditions and finalizer of CustomResourceDefinitions, as upstream's helpers keep them. */
public final class CrdStatus {
  private CrdStatus() {}

  /** Removed by the CRD controller once every custom resource of a deleted CRD is gone. */
  public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

  /**
   * Sets a condition in status.conditions: an existing one of the type keeps its lastTransitionTime
   * unless its status changes.
   */
  public static void setCondition(
      ObjectNode crd, String type, String status, String reason, String message, String now) {
    ObjectNode st = Json.obj(crd, "status");
    if (!(st.get("conditions") instanceof ArrayNode)) {
      st.putArray("conditions");
    }
    ArrayNode conds = (ArrayNode) st.get("conditions");
    for (JsonNode c : conds) {
      if (c.path("type").asText().equals(type)) {
        ObjectNode o = (ObjectNode) c;
        if (!o.path("status").asText().equals(status)) {
          o.put("lastTransitionTime", now);
        }
        o.put("status", status);
        o.put("reason", reason);
        o.put("message", message);
        return;
      }
    }
    ObjectNode c = conds.addObject();
    c.put("type", type);
    c.put("status", status);
    c.put("lastTransitionTime", now);
    c.put("reason", reason);
    c.put("message", message);
  }

  /** Whether the condition of that type has status True. */
  public static boolean isTrue(JsonNode crd, String type) {
    for (JsonNode c : crd.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type) && c.path("status").asText().equals("True")) {
        return true;
      }
    }
    return false;
  }
}
