package io.kpg.registry.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.json.Json;
import io.kpg.registry.KindDef;
import io.kpg.registry.RequestContext;
import jakarta.inject.Singleton;

/**
 * Upstream's ServiceAccount admission, as far as it applies without kubelets: a new pod that names
 * no service account runs as {@code default} ({@code serviceAccountName}, mirrored into the
 * deprecated {@code serviceAccount}). Token volumes are not mounted.
 */
@Singleton
public class ServiceAccountAdmission implements AdmissionPlugin {
  @Override
  public void admit(RequestContext ctx, KindDef k, String op, ObjectNode obj, ObjectNode old) {
    if (!op.equals("CREATE") || !k.group().isEmpty() || !k.plural().equals("pods")) {
      return;
    }
    ObjectNode spec = Json.obj(obj, "spec");
    String sa = spec.path("serviceAccountName").asText("");
    if (sa.isEmpty()) {
      sa = spec.path("serviceAccount").asText("");
    }
    if (sa.isEmpty()) {
      sa = "default";
    }
    spec.put("serviceAccountName", sa);
    spec.put("serviceAccount", sa);
  }
}
