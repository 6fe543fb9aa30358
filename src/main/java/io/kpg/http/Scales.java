package io.kpg.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.Errors;
import io.kpg.errors.FieldError;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.registry.RequestContext;
import io.kpg.registry.ResourceStore;
import java.util.List;
import java.util.function.Function;

/** The autoscaling/v1 Scale subresource, generic over {@link KindDef#scale()}. */
final class Scales {
  private Scales() {}

  static ObjectNode toScale(KindDef k, ObjectNode obj) {
    KindDef.ScaleSpec spec = k.scale();
    ObjectNode s = Json.object();
    s.put("kind", "Scale");
    s.put("apiVersion", "autoscaling/v1");
    ObjectNode md = s.putObject("metadata");
    JsonNode om = obj.path("metadata");
    for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (om.has(f)) {
        md.set(f, om.get(f));
      }
    }
    JsonNode specReplicas = Json.at(obj, spec.specReplicasPath());
    s.putObject("spec").put("replicas", specReplicas == null ? 0 : specReplicas.asInt());
    ObjectNode st = s.putObject("status");
    JsonNode statusReplicas = Json.at(obj, spec.statusReplicasPath());
    st.put("replicas", statusReplicas == null ? 0 : statusReplicas.asInt());
    String sel = spec.selector().apply(obj);
    if (sel != null && !sel.isEmpty()) {
      st.put("selector", sel);
    }
    return s;
  }

  /** Validates a Scale body from a client; returns it as an object. */
  static ObjectNode checkScale(KindDef k, JsonNode body, String name) {
    if (!(body instanceof ObjectNode s)) {
      throw Errors.badRequest("the request body must be a Scale object");
    }
    String kind = s.path("kind").asText("Scale");
    if (!kind.equals("Scale")) {
      throw Errors.badRequest("expected a Scale object, got " + kind);
    }
    JsonNode replicas = s.path("spec").path("replicas");
    if (!replicas.isMissingNode() && !replicas.isNull() && !replicas.isIntegralNumber()) {
      throw Errors.badRequest(
          "Scale in version \"v1\" cannot be handled as a Scale: spec.replicas must be an integer");
    }
    if (replicas.isIntegralNumber() && replicas.asLong() < 0) {
      throw Errors.invalid(
          "autoscaling",
          "Scale",
          name,
          List.of(
              FieldError.invalid(
                  "spec.replicas", replicas.asLong(), "must be greater than or equal to 0")));
    }
    if (replicas.isIntegralNumber() && replicas.asLong() > Integer.MAX_VALUE) {
      throw Errors.invalid(
          "autoscaling",
          "Scale",
          name,
          List.of(
              FieldError.invalid(
                  "spec.replicas", replicas.asLong(), "must be less than or equal to 2147483647")));
    }
    return s;
  }

  static ObjectNode update(
      ResourceStore store,
      RequestContext ctx,
      KindDef k,
      String ns,
      String name,
      ObjectNode scale) {
    String rv = scale.path("metadata").path("resourceVersion").asText("");
    return patch(
        store,
        ctx,
        k,
        ns,
        name,
        current -> {
          if (!rv.isEmpty()
              && !rv.equals(current.path("metadata").path("resourceVersion").asText())) {
            throw Errors.conflict(k.group(), k.plural(), name, Errors.MODIFIED);
          }
          return scale;
        });
  }

  /** Applies a change to the Scale view and writes the new replica count into the object. */
  static ObjectNode patch(
      ResourceStore store,
      RequestContext ctx,
      KindDef k,
      String ns,
      String name,
      Function<ObjectNode, JsonNode> changeScale) {
    ResourceStore.Written w =
        store.guaranteedUpdate(
            ctx,
            k,
            ns,
            name,
            ResourceStore.Target.MAIN,
            current -> {
              JsonNode changed = changeScale.apply(toScale(k, current));
              ObjectNode scale = checkScale(k, changed, name);
              JsonNode replicas = scale.path("spec").path("replicas");
              setPath(
                  current,
                  k.scale().specReplicasPath(),
                  replicas.isIntegralNumber() ? replicas.asInt() : 0);
              return current;
            },
            null,
            false);
    return toScale(k, w.object());
  }

  private static void setPath(ObjectNode obj, String dotted, int value) {
    String[] parts = dotted.split("\\.");
    ObjectNode n = obj;
    for (int i = 0; i < parts.length - 1; i++) {
      n = Json.obj(n, parts[i]);
    }
    n.put(parts[parts.length - 1], value);
  }
}
