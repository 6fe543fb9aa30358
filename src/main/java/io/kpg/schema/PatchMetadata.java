package io.kpg.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the protobuf descriptors do not say about built-in fields: patch strategies and merge keys
 * (strategic merge patch), list types and map keys (server-side apply), and the required fields and
 * enums OpenAPI publishes for the most used types, and the types and map fields upstream marks
 * atomic. Keys are {@code <definition>.<field>}.
 */
final class PatchMetadata {
  private PatchMetadata() {}

  record Meta(String strategy, String mergeKey, String listType, List<String> mapKeys) {}

  private static final Map<String, Meta> FIELDS = new HashMap<>();
  private static final Map<String, Set<String>> REQUIRED = new HashMap<>();
  private static final Map<String, List<String>> ENUMS = new HashMap<>();

  private static final String CORE = "io.k8s.api.core.v1.";
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  /**
   * Definitions declared {@code +structType=atomic} in k8s.io/api and k8s.io/apimachinery (1.33),
   * for the versions kpg serves.
   */
  private static final Set<String> ATOMIC_TYPES =
      Set.of(
          "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
          "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference",
          "io.k8s.api.core.v1.SecretReference",
          "io.k8s.api.core.v1.ObjectFieldSelector",
          "io.k8s.api.core.v1.ResourceFieldSelector",
          "io.k8s.api.core.v1.ConfigMapKeySelector",
          "io.k8s.api.core.v1.SecretKeySelector",
          "io.k8s.api.core.v1.NodeSelector",
          "io.k8s.api.core.v1.NodeSelectorTerm",
          "io.k8s.api.core.v1.TopologySelectorTerm",
          "io.k8s.api.core.v1.EndpointAddress",
          "io.k8s.api.core.v1.EndpointPort",
          "io.k8s.api.core.v1.ObjectReference",
          "io.k8s.api.core.v1.LocalObjectReference",
          "io.k8s.api.core.v1.TypedLocalObjectReference",
          "io.k8s.api.core.v1.ScopeSelector",
          "io.k8s.api.networking.v1.ServiceBackendPort",
          "io.k8s.api.discovery.v1.EndpointPort",
          "io.k8s.api.rbac.v1.Subject",
          "io.k8s.api.rbac.v1.RoleRef",
          "io.k8s.api.autoscaling.v1.CrossVersionObjectReference",
          "io.k8s.api.admissionregistration.v1.ParamKind",
          "io.k8s.api.admissionregistration.v1.Variable",
          "io.k8s.api.admissionregistration.v1.ParamRef",
          "io.k8s.api.admissionregistration.v1.MatchResources",
          "io.k8s.api.admissionregistration.v1.NamedRuleWithOperations");

  /** Map fields declared {@code +mapType=atomic}. */
  private static final Set<String> ATOMIC_MAPS =
      Set.of(
          CORE + "PodSpec.nodeSelector",
          CORE + "ServiceSpec.selector",
          CORE + "ReplicationControllerSpec.selector",
          "io.k8s.api.node.v1.Scheduling.nodeSelector");

  private static void merge(String field, String key, String... mapKeys) {
    FIELDS.put(
        field,
        new Meta("merge", key, "map", mapKeys.length == 0 ? List.of(key) : List.of(mapKeys)));
  }

  private static void mergeRetain(String field, String key) {
    FIELDS.put(field, new Meta("merge,retainKeys", key, "map", List.of(key)));
  }

  private static void set(String field) {
    FIELDS.put(field, new Meta("merge", null, "set", List.of()));
  }

  private static void mapList(String field, String... keys) {
    FIELDS.put(field, new Meta(null, null, "map", List.of(keys)));
  }

  static {
    // pods and templates
    mergeRetain(CORE + "PodSpec.volumes", "name");
    merge(CORE + "PodSpec.initContainers", "name");
    merge(CORE + "PodSpec.containers", "name");
    merge(CORE + "PodSpec.ephemeralContainers", "name");
    merge(CORE + "PodSpec.imagePullSecrets", "name");
    merge(CORE + "PodSpec.hostAliases", "ip");
    merge(
        CORE + "PodSpec.topologySpreadConstraints",
        "topologyKey",
        "topologyKey",
        "whenUnsatisfiable");
    merge(CORE + "PodSpec.schedulingGates", "name");
    mergeRetain(CORE + "PodSpec.resourceClaims", "name");
    merge(CORE + "Container.ports", "containerPort", "containerPort", "protocol");
    merge(CORE + "Container.env", "name");
    merge(CORE + "Container.volumeMounts", "mountPath");
    merge(CORE + "Container.volumeDevices", "devicePath");
    merge(CORE + "EphemeralContainerCommon.ports", "containerPort", "containerPort", "protocol");
    merge(CORE + "EphemeralContainerCommon.env", "name");
    merge(CORE + "EphemeralContainerCommon.volumeMounts", "mountPath");
    merge(CORE + "EphemeralContainerCommon.volumeDevices", "devicePath");
    merge(CORE + "PodStatus.conditions", "type");
    merge(CORE + "PodStatus.podIPs", "ip");
    merge(CORE + "PodStatus.hostIPs", "ip");
    mergeRetain(CORE + "PodStatus.resourceClaimStatuses", "name");
    // services, nodes, namespaces, accounts
    merge(CORE + "ServiceSpec.ports", "port", "port", "protocol");
    merge(CORE + "ServiceStatus.conditions", "type");
    merge(CORE + "NodeStatus.conditions", "type");
    merge(CORE + "NodeStatus.addresses", "type");
    set(CORE + "NodeSpec.podCIDRs");
    merge(CORE + "NamespaceStatus.conditions", "type");
    merge(CORE + "ServiceAccount.secrets", "name");
    merge(CORE + "PersistentVolumeClaimStatus.conditions", "type");
    merge(CORE + "ReplicationControllerStatus.conditions", "type");
    merge(CORE + "ComponentStatus.conditions", "type");
    // object metadata
    merge(META + "ObjectMeta.ownerReferences", "uid");
    set(META + "ObjectMeta.finalizers");
    // workloads
    String apps = "io.k8s.api.apps.v1.";
    merge(apps + "DeploymentStatus.conditions", "type");
    merge(apps + "ReplicaSetStatus.conditions", "type");
    merge(apps + "StatefulSetStatus.conditions", "type");
    merge(apps + "DaemonSetStatus.conditions", "type");
    FIELDS.put(apps + "DeploymentSpec.strategy", new Meta("retainKeys", null, null, List.of()));
    FIELDS.put(
        apps + "DaemonSetSpec.updateStrategy", new Meta("retainKeys", null, null, List.of()));
    merge("io.k8s.api.batch.v1.JobStatus.conditions", "type");
    mapList("io.k8s.api.policy.v1.PodDisruptionBudgetStatus.conditions", "type");
    // CustomResourceDefinitions (listType=map without a patch strategy)
    for (String v : List.of("v1", "v1beta1")) {
      String ext = "io.k8s.apiextensions_apiserver.pkg.apis.apiextensions." + v + ".";
      mapList(ext + "CustomResourceDefinitionStatus.conditions", "type");
      mapList(ext + "JSONSchemaProps.xKubernetesValidations", "rule");
    }

    // required fields and enums OpenAPI publishes (the ones users meet most)
    REQUIRED.put(CORE + "PodSpec", Set.of("containers"));
    REQUIRED.put(CORE + "Container", Set.of("name"));
    REQUIRED.put(CORE + "ContainerPort", Set.of("containerPort"));
    REQUIRED.put(CORE + "EnvVar", Set.of("name"));
    REQUIRED.put(CORE + "VolumeMount", Set.of("name", "mountPath"));
    REQUIRED.put(CORE + "Volume", Set.of("name"));
    REQUIRED.put(CORE + "ServicePort", Set.of("port"));
    REQUIRED.put(CORE + "ObjectReference", Set.of());
    REQUIRED.put(META + "OwnerReference", Set.of("apiVersion", "kind", "name", "uid"));
    REQUIRED.put(META + "LabelSelectorRequirement", Set.of("key", "operator"));
    REQUIRED.put("io.k8s.api.apps.v1.DeploymentSpec", Set.of("selector", "template"));
    REQUIRED.put("io.k8s.api.apps.v1.ReplicaSetSpec", Set.of("selector"));
    REQUIRED.put("io.k8s.api.apps.v1.StatefulSetSpec", Set.of("selector", "template"));
    REQUIRED.put("io.k8s.api.apps.v1.DaemonSetSpec", Set.of("selector", "template"));
    REQUIRED.put("io.k8s.api.batch.v1.JobSpec", Set.of("template"));
    REQUIRED.put("io.k8s.api.batch.v1.CronJobSpec", Set.of("schedule", "jobTemplate"));
    REQUIRED.put(CORE + "Toleration", Set.of());
    ENUMS.put(CORE + "PodSpec.restartPolicy", List.of("Always", "Never", "OnFailure"));
    ENUMS.put(
        CORE + "PodSpec.dnsPolicy",
        List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"));
    ENUMS.put(CORE + "Container.imagePullPolicy", List.of("Always", "IfNotPresent", "Never"));
    ENUMS.put(
        CORE + "ServiceSpec.type",
        List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort"));
    ENUMS.put(CORE + "ServicePort.protocol", List.of("SCTP", "TCP", "UDP"));
    ENUMS.put(CORE + "ContainerPort.protocol", List.of("SCTP", "TCP", "UDP"));
    ENUMS.put("io.k8s.api.apps.v1.DeploymentStrategy.type", List.of("Recreate", "RollingUpdate"));
    ENUMS.put(
        "io.k8s.api.batch.v1.CronJobSpec.concurrencyPolicy", List.of("Allow", "Forbid", "Replace"));
  }

  static Meta lookup(String definition, String field, Schema fieldSchema) {
    return FIELDS.get(definition + "." + field);
  }

  static {
    for (String line : RequiredFieldsData.LINES.split("\n")) {
      String[] parts = line.strip().split(" ");
      if (parts.length == 2) {
        Set<String> fields = new java.util.HashSet<>(Set.of(parts[1].split(",")));
        Set<String> known = REQUIRED.get(parts[0]);
        if (known != null) {
          fields.addAll(known);
        }
        REQUIRED.put(parts[0], Set.copyOf(fields));
      }
    }
  }

  /** Adds the required fields and atomicity to a freshly built definition. */
  static void decorate(String definition, Schema s) {
    Set<String> req = REQUIRED.get(definition);
    if (req != null) {
      s.setRequired(req);
    }
    s.setAtomic(ATOMIC_TYPES.contains(definition));
  }

  /** whether {@code <definition>.<field>} is a map upstream declares atomic */
  static boolean atomicMap(String definition, String field) {
    return ATOMIC_MAPS.contains(definition + "." + field);
  }

  static List<String> enumFor(String definition, String field) {
    return ENUMS.get(definition + "." + field);
  }
}
