package io.kpg.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import java.util.List;

/**
 * In every active namespace: the {@code default} ServiceAccount (upstream's serviceaccount
 * controller) and the {@code kube-root-ca.crt} ConfigMap holding the cluster CA (upstream's
 * root-ca-cert-publisher). Recreated when deleted, repaired when changed.
 */
final class ServiceAccountController extends Controller {
  static final String DEFAULT_SA = "default";
  static final String ROOT_CA = "kube-root-ca.crt";

  private final Informer namespaces;
  private final Informer serviceAccounts;
  private final Informer configMaps;
  private final LocalClient client;
  private final String caPem;

  ServiceAccountController(ControllerManager cm, LocalClient client, String caPem) {
    super("serviceaccount");
    this.client = client;
    this.caPem = caPem;
    this.namespaces = cm.informer("", "v1", "namespaces");
    this.serviceAccounts = cm.informer("", "v1", "serviceaccounts");
    this.configMaps = cm.informer("", "v1", "configmaps");
    namespaces.addHandler(
        (old, obj, deleted) -> {
          if (!deleted) {
            queue.add(obj.path("metadata").path("name").asText());
          }
        });
    serviceAccounts.addHandler(
        (old, obj, deleted) -> {
          if (deleted && DEFAULT_SA.equals(obj.path("metadata").path("name").asText())) {
            queue.add(obj.path("metadata").path("namespace").asText());
          }
        });
    configMaps.addHandler(
        (old, obj, deleted) -> {
          if (ROOT_CA.equals(obj.path("metadata").path("name").asText())) {
            queue.add(obj.path("metadata").path("namespace").asText());
          }
        });
  }

  @Override
  public List<Informer> informers() {
    return List.of(namespaces, serviceAccounts, configMaps);
  }

  @Override
  protected void enqueueAll() {
    namespaces.list().forEach(ns -> queue.add(ns.path("metadata").path("name").asText()));
  }

  @Override
  protected Result reconcile(String ns) {
    ObjectNode namespace = namespaces.get("", ns);
    if (namespace == null || namespace.path("metadata").has("deletionTimestamp")) {
      return Result.DONE;
    }
    if (serviceAccounts.get(ns, DEFAULT_SA) == null) {
      ObjectNode sa = Json.object();
      sa.putObject("metadata").put("name", DEFAULT_SA);
      createIgnoringExists(client.kind("", "v1", "serviceaccounts"), ns, sa);
    }
    ObjectNode cm = configMaps.get(ns, ROOT_CA);
    if (cm == null) {
      ObjectNode o = Json.object();
      ObjectNode md = o.putObject("metadata");
      md.put("name", ROOT_CA);
      md.putObject("annotations")
          .put(
              "kubernetes.io/description",
              "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.");
      o.putObject("data").put("ca.crt", caPem);
      createIgnoringExists(client.kind("", "v1", "configmaps"), ns, o);
    } else if (!caPem.equals(cm.path("data").path("ca.crt").asText())) {
      client.update(
          client.kind("", "v1", "configmaps"),
          ns,
          ROOT_CA,
          c -> {
            Json.obj(c, "data").put("ca.crt", caPem);
            return c;
          });
    }
    return Result.DONE;
  }

  private void createIgnoringExists(io.kpg.registry.KindDef k, String ns, ObjectNode obj) {
    try {
      client.create(k, ns, obj);
    } catch (StatusException e) {
      if (e.code() != 409) {
        throw e;
      }
    }
  }
}
