package io.kpg.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Coordination;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ProtobufBodiesTest {

  static byte[] envelope(String apiVersion, String kind, Message m) {
    return envelope(apiVersion, kind, m.toByteString());
  }

  static byte[] envelope(String apiVersion, String kind, ByteString raw) {
    Runtime.Unknown unk =
        Runtime.Unknown.newBuilder()
            .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
            .setRaw(raw)
            .setContentEncoding("")
            .setContentType("")
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    out.writeBytes(unk.toByteArray());
    return out.toByteArray();
  }

  static JsonNode json(String text) {
    return Json.parseTrusted(text.replace('\'', '"'));
  }

  /** ObjectMeta as Go's marshaller writes it: every value field, set or not. */
  static Meta.ObjectMeta.Builder goMeta(String name) {
    return Meta.ObjectMeta.newBuilder()
        .setName(name)
        .setGenerateName("")
        .setNamespace("")
        .setSelfLink("")
        .setUid("")
        .setResourceVersion("")
        .setGeneration(0)
        .setCreationTimestamp(Meta.Time.getDefaultInstance());
  }

  static IntStr.IntOrString intOrString(int i) {
    return IntStr.IntOrString.newBuilder().setType(0).setIntVal(i).setStrVal("").build();
  }

  static IntStr.IntOrString intOrString(String s) {
    return IntStr.IntOrString.newBuilder().setType(1).setIntVal(0).setStrVal(s).build();
  }

  static StatusException badRequest(byte[] body) {
    StatusException e = assertThrows(StatusException.class, () -> ProtobufBodies.decode(body));
    assertEquals(400, e.code());
    assertEquals("BadRequest", e.reason());
    return e;
  }

  @Test
  void configMap() {
    V1.ConfigMap cm =
        V1.ConfigMap.newBuilder()
            .setMetadata(goMeta("cm1").setNamespace("ns1").putLabels("app", "x"))
            .putData("b", "2")
            .putData("a", "")
            .putBinaryData("bin", ByteString.copyFrom(new byte[] {0, 1, (byte) 0xff}))
            .build();
    ObjectNode o = ProtobufBodies.decode(envelope("v1", "ConfigMap", cm));
    assertEquals(
        json(
            "{'kind':'ConfigMap','apiVersion':'v1','metadata':{'name':'cm1','namespace':'ns1',"
                + "'labels':{'app':'x'}},'data':{'a':'','b':'2'},'binaryData':{'bin':'AAH/'}}"),
        o);
    // Go's key order: kind, apiVersion, then the fields; map keys sorted
    assertEquals(
        "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"cm1\",\"namespace\":"
            + "\"ns1\",\"labels\":{\"app\":\"x\"}},\"data\":{\"a\":\"\",\"b\":\"2\"},\"binaryData\":"
            + "{\"bin\":\"AAH/\"}}",
        Json.write(o));
  }

  @Test
  void secretBytesTypeAndPointerFalse() {
    V1.Secret s =
        V1.Secret.newBuilder()
            .setMetadata(goMeta("s1"))
            .setImmutable(false)
            .putData("password", ByteString.copyFromUtf8("hunter2"))
            .putData("empty", ByteString.EMPTY)
            .setType("Opaque")
            .build();
    assertEquals(
        json(
            "{'kind':'Secret','apiVersion':'v1','metadata':{'name':'s1'},'immutable':false,"
                + "'data':{'empty':'','password':'aHVudGVyMg=='},'type':'Opaque'}"),
        ProtobufBodies.decode(envelope("v1", "Secret", s)));
    // a value field with omitempty at its zero value is left out, like Go's JSON
    V1.Secret helm =
        V1.Secret.newBuilder().setMetadata(goMeta("sh.helm.release.v1.x.v1")).setType("").build();
    assertEquals(
        json("{'kind':'Secret','apiVersion':'v1','metadata':{'name':'sh.helm.release.v1.x.v1'}}"),
        ProtobufBodies.decode(envelope("v1", "Secret", helm)));
  }

  static V1Apps.Deployment deployment() {
    V1.Container c =
        V1.Container.newBuilder()
            .setName("nginx")
            .setImage("nginx:1.27")
            .addPorts(
                V1.ContainerPort.newBuilder()
                    .setName("")
                    .setHostPort(0)
                    .setContainerPort(80)
                    .setProtocol("TCP")
                    .setHostIP(""))
            .setResources(
                V1.ResourceRequirements.newBuilder()
                    .putLimits("cpu", Resource.Quantity.newBuilder().setString("500m").build())
                    .putLimits("memory", Resource.Quantity.newBuilder().setString("128Mi").build()))
            .setTerminationMessagePath("")
            .setImagePullPolicy("")
            .setStdin(false)
            .setTty(false)
            .build();
    return V1Apps.Deployment.newBuilder()
        .setMetadata(
            goMeta("web")
                .setNamespace("default")
                .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(1704164645).setNanos(0)))
        .setSpec(
            V1Apps.DeploymentSpec.newBuilder()
                .setReplicas(0)
                .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                .setTemplate(
                    V1.PodTemplateSpec.newBuilder()
                        .setMetadata(goMeta("").putLabels("app", "web"))
                        .setSpec(
                            V1.PodSpec.newBuilder()
                                .addContainers(c)
                                .setRestartPolicy("")
                                .setDnsPolicy("")
                                .setServiceAccountName("")
                                .setHostNetwork(false)))
                .setStrategy(
                    V1Apps.DeploymentStrategy.newBuilder()
                        .setType("RollingUpdate")
                        .setRollingUpdate(
                            V1Apps.RollingUpdateDeployment.newBuilder()
                                .setMaxSurge(intOrString("25%"))
                                .setMaxUnavailable(intOrString(1))))
                .setMinReadySeconds(0)
                .setPaused(false))
        .setStatus(V1Apps.DeploymentStatus.newBuilder().setObservedGeneration(0).setReplicas(0))
        .build();
  }

  static final String DEPLOYMENT_JSON =
      "{'kind':'Deployment','apiVersion':'apps/v1',"
          + "'metadata':{'name':'web','namespace':'default','creationTimestamp':'2024-01-02T03:04:05Z'},"
          + "'spec':{'replicas':0,'selector':{'matchLabels':{'app':'web'}},"
          + "'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'nginx',"
          + "'image':'nginx:1.27','ports':[{'containerPort':80,'protocol':'TCP'}],"
          + "'resources':{'limits':{'cpu':'500m','memory':'128Mi'}}}]}},"
          + "'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxUnavailable':1,'maxSurge':'25%'}}},"
          + "'status':{}}";

  @Test
  void deploymentAsGoWritesIt() {
    ObjectNode o = ProtobufBodies.decode(envelope("apps/v1", "Deployment", deployment()));
    assertEquals(json(DEPLOYMENT_JSON), o);
  }

  @Test
  void roundTrip() {
    ObjectNode o = ProtobufBodies.decode(envelope("apps/v1", "Deployment", deployment()));
    byte[] again = ProtobufBodies.encode(o, V1Apps.Deployment.getDescriptor());
    assertTrue(ProtobufBodies.hasMagic(again));
    assertEquals(o, ProtobufBodies.decode(again));
    assertEquals(o, ProtobufBodies.decode(ProtobufBodies.encode(o)));

    // the encoded message is the one the generated class reads back
    ObjectNode cm =
        (ObjectNode)
            json(
                "{'kind':'ConfigMap','apiVersion':'v1','metadata':{'name':'a','namespace':'n',"
                    + "'creationTimestamp':'2024-01-02T03:04:05Z','resourceVersion':'7'},"
                    + "'immutable':true,'data':{'k':'v'}}");
    byte[] body = ProtobufBodies.encode(cm, V1.ConfigMap.getDescriptor());
    Runtime.Unknown unk = parseUnknown(Arrays.copyOfRange(body, 4, body.length));
    assertEquals("v1", unk.getTypeMeta().getApiVersion());
    assertEquals("ConfigMap", unk.getTypeMeta().getKind());
    V1.ConfigMap parsed = parseConfigMap(unk.getRaw());
    assertEquals("a", parsed.getMetadata().getName());
    assertEquals("7", parsed.getMetadata().getResourceVersion());
    assertEquals(1704164645L, parsed.getMetadata().getCreationTimestamp().getSeconds());
    assertTrue(parsed.getImmutable());
    assertEquals("v", parsed.getDataMap().get("k"));
    assertEquals(cm, ProtobufBodies.decode(body));
  }

  static Runtime.Unknown parseUnknown(byte[] b) {
    try {
      return Runtime.Unknown.parseFrom(b);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static V1.ConfigMap parseConfigMap(ByteString b) {
    try {
      return V1.ConfigMap.parseFrom(b);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void inlinedStructsAndPointerZeroes() {
    V1.PodSpec spec =
        V1.PodSpec.newBuilder()
            .addVolumes(
                V1.Volume.newBuilder()
                    .setName("cfg")
                    .setVolumeSource(
                        V1.VolumeSource.newBuilder()
                            .setConfigMap(
                                V1.ConfigMapVolumeSource.newBuilder()
                                    .setLocalObjectReference(
                                        V1.LocalObjectReference.newBuilder().setName("cm1"))
                                    .setDefaultMode(0))))
            .addContainers(
                V1.Container.newBuilder()
                    .setName("c")
                    .addEnv(
                        V1.EnvVar.newBuilder()
                            .setName("A")
                            .setValue("")
                            .setValueFrom(
                                V1.EnvVarSource.newBuilder()
                                    .setConfigMapKeyRef(
                                        V1.ConfigMapKeySelector.newBuilder()
                                            .setLocalObjectReference(
                                                V1.LocalObjectReference.newBuilder().setName("cm1"))
                                            .setKey("k")))))
            .setTerminationGracePeriodSeconds(0)
            .build();
    V1.Pod pod = V1.Pod.newBuilder().setMetadata(goMeta("p")).setSpec(spec).build();
    ObjectNode o = ProtobufBodies.decode(envelope("v1", "Pod", pod));
    assertEquals(
        json(
            "{'kind':'Pod','apiVersion':'v1','metadata':{'name':'p'},'spec':{"
                + "'volumes':[{'name':'cfg','configMap':{'name':'cm1','defaultMode':0}}],"
                + "'containers':[{'name':'c','env':[{'name':'A','valueFrom':{'configMapKeyRef':"
                + "{'name':'cm1','key':'k'}}}]}],'terminationGracePeriodSeconds':0}}"),
        o);
    assertEquals(o, ProtobufBodies.decode(ProtobufBodies.encode(o)));
  }

  @Test
  void jobNamespaceServiceAndAccessReview() {
    V1Batch.Job job =
        V1Batch.Job.newBuilder()
            .setMetadata(goMeta("j"))
            .setSpec(
                V1Batch.JobSpec.newBuilder()
                    .setBackoffLimit(0)
                    .setTemplate(
                        V1.PodTemplateSpec.newBuilder()
                            .setMetadata(goMeta(""))
                            .setSpec(
                                V1.PodSpec.newBuilder()
                                    .setRestartPolicy("Never")
                                    .addContainers(
                                        V1.Container.newBuilder()
                                            .setName("j")
                                            .setImage("busybox")
                                            .addCommand("date")))))
            .build();
    assertEquals(
        json(
            "{'kind':'Job','apiVersion':'batch/v1','metadata':{'name':'j'},'spec':{'backoffLimit':0,"
                + "'template':{'metadata':{},'spec':{'containers':[{'name':'j','image':'busybox',"
                + "'command':['date']}],'restartPolicy':'Never'}}}}"),
        ProtobufBodies.decode(envelope("batch/v1", "Job", job)));

    V1.Namespace ns =
        V1.Namespace.newBuilder()
            .setMetadata(goMeta("team-a"))
            .setSpec(V1.NamespaceSpec.getDefaultInstance())
            .setStatus(V1.NamespaceStatus.newBuilder().setPhase(""))
            .build();
    assertEquals(
        json(
            "{'kind':'Namespace','apiVersion':'v1','metadata':{'name':'team-a'},'spec':{},'status':{}}"),
        ProtobufBodies.decode(envelope("v1", "Namespace", ns)));

    V1.Service svc =
        V1.Service.newBuilder()
            .setMetadata(goMeta("svc"))
            .setSpec(
                V1.ServiceSpec.newBuilder()
                    .addPorts(
                        V1.ServicePort.newBuilder()
                            .setName("80-8080")
                            .setProtocol("TCP")
                            .setPort(80)
                            .setTargetPort(intOrString(8080))
                            .setNodePort(0))
                    .addPorts(
                        V1.ServicePort.newBuilder()
                            .setName("")
                            .setPort(443)
                            .setTargetPort(intOrString(0)))
                    .putSelector("app", "svc")
                    .setType("ClusterIP"))
            .build();
    assertEquals(
        json(
            "{'kind':'Service','apiVersion':'v1','metadata':{'name':'svc'},'spec':{'ports':["
                + "{'name':'80-8080','protocol':'TCP','port':80,'targetPort':8080},{'port':443}],"
                + "'selector':{'app':'svc'},'type':'ClusterIP'}}"),
        ProtobufBodies.decode(envelope("v1", "Service", svc)));

    V1Authorization.SelfSubjectAccessReview ssar =
        V1Authorization.SelfSubjectAccessReview.newBuilder()
            .setMetadata(goMeta(""))
            .setSpec(
                V1Authorization.SelfSubjectAccessReviewSpec.newBuilder()
                    .setResourceAttributes(
                        V1Authorization.ResourceAttributes.newBuilder()
                            .setNamespace("default")
                            .setVerb("create")
                            .setGroup("")
                            .setVersion("")
                            .setResource("pods")
                            .setSubresource("")
                            .setName("")))
            .setStatus(
                V1Authorization.SubjectAccessReviewStatus.newBuilder()
                    .setAllowed(false)
                    .setDenied(false)
                    .setReason("")
                    .setEvaluationError(""))
            .build();
    assertEquals(
        json(
            "{'kind':'SelfSubjectAccessReview','apiVersion':'authorization.k8s.io/v1',"
                + "'metadata':{},'spec':{'resourceAttributes':{'namespace':'default',"
                + "'verb':'create','resource':'pods'}},'status':{'allowed':false}}"),
        ProtobufBodies.decode(
            envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", ssar)));
  }

  @Test
  void namedSliceExtra() {
    V1Authorization.SubjectAccessReview sar =
        V1Authorization.SubjectAccessReview.newBuilder()
            .setSpec(
                V1Authorization.SubjectAccessReviewSpec.newBuilder()
                    .setUser("alice")
                    .putExtra(
                        "scopes",
                        V1Authorization.ExtraValue.newBuilder().addItems("a").addItems("b").build())
                    .setNonResourceAttributes(
                        V1Authorization.NonResourceAttributes.newBuilder()
                            .setPath("/healthz")
                            .setVerb("get")))
            .build();
    ObjectNode o =
        ProtobufBodies.decode(envelope("authorization.k8s.io/v1", "SubjectAccessReview", sar));
    assertEquals(
        json(
            "{'kind':'SubjectAccessReview','apiVersion':'authorization.k8s.io/v1','spec':{"
                + "'nonResourceAttributes':{'path':'/healthz','verb':'get'},'user':'alice',"
                + "'extra':{'scopes':['a','b']}}}"),
        o);
    assertEquals(o, ProtobufBodies.decode(ProtobufBodies.encode(o)));
  }

  @Test
  void microTimeTimeAndManagedFields() {
    V1Coordination.Lease lease =
        V1Coordination.Lease.newBuilder()
            .setMetadata(
                goMeta("l")
                    .setCreationTimestamp(
                        Meta.Time.newBuilder().setSeconds(1704164645).setNanos(999))
                    .addManagedFields(
                        Meta.ManagedFieldsEntry.newBuilder()
                            .setManager("kubectl")
                            .setOperation("Update")
                            .setApiVersion("coordination.k8s.io/v1")
                            .setTime(Meta.Time.newBuilder().setSeconds(0))
                            .setFieldsType("FieldsV1")
                            .setFieldsV1(
                                Meta.FieldsV1.newBuilder()
                                    .setRaw(
                                        ByteString.copyFromUtf8(
                                            "{\"f:spec\":{\"f:holderIdentity\":{}}}")))))
            .setSpec(
                V1Coordination.LeaseSpec.newBuilder()
                    .setHolderIdentity("me")
                    .setLeaseDurationSeconds(15)
                    .setRenewTime(
                        Meta.MicroTime.newBuilder().setSeconds(1704164645).setNanos(123456789))
                    .setAcquireTime(Meta.MicroTime.newBuilder().setSeconds(1704164645).setNanos(0)))
            .build();
    ObjectNode o = ProtobufBodies.decode(envelope("coordination.k8s.io/v1", "Lease", lease));
    assertEquals(
        json(
            "{'kind':'Lease','apiVersion':'coordination.k8s.io/v1','metadata':{'name':'l',"
                + "'creationTimestamp':'2024-01-02T03:04:05Z','managedFields':[{'manager':'kubectl',"
                + "'operation':'Update','apiVersion':'coordination.k8s.io/v1',"
                + "'time':'1970-01-01T00:00:00Z','fieldsType':'FieldsV1',"
                + "'fieldsV1':{'f:spec':{'f:holderIdentity':{}}}}]},'spec':{'holderIdentity':'me',"
                + "'leaseDurationSeconds':15,'acquireTime':'2024-01-02T03:04:05.000000Z',"
                + "'renewTime':'2024-01-02T03:04:05.123456Z'}}"),
        o);
    assertEquals(o, ProtobufBodies.decode(ProtobufBodies.encode(o)));
  }

  @Test
  void customResourceDefinitionSchema() {
    V1Apiextensions.JSONSchemaProps leaf =
        V1Apiextensions.JSONSchemaProps.newBuilder()
            .setType("string")
            .setDefault(V1Apiextensions.JSON.newBuilder().setRaw(ByteString.copyFromUtf8("\"x\"")))
            .setMaxLength(0)
            .build();
    V1Apiextensions.JSONSchemaProps root =
        V1Apiextensions.JSONSchemaProps.newBuilder()
            .setType("object")
            .putProperties("spec", leaf)
            .setXKubernetesPreserveUnknownFields(true)
            .setAdditionalProperties(
                V1Apiextensions.JSONSchemaPropsOrBool.newBuilder().setAllows(false))
            .setMaximum(1.0)
            .build();
    V1Apiextensions.CustomResourceDefinition crd =
        V1Apiextensions.CustomResourceDefinition.newBuilder()
            .setMetadata(goMeta("foos.example.com"))
            .setSpec(
                V1Apiextensions.CustomResourceDefinitionSpec.newBuilder()
                    .setGroup("example.com")
                    .addVersions(
                        V1Apiextensions.CustomResourceDefinitionVersion.newBuilder()
                            .setName("v1")
                            .setServed(true)
                            .setStorage(true)
                            .setSchema(
                                V1Apiextensions.CustomResourceValidation.newBuilder()
                                    .setOpenAPIV3Schema(root))))
            .build();
    ObjectNode o =
        ProtobufBodies.decode(envelope("apiextensions.k8s.io/v1", "CustomResourceDefinition", crd));
    assertEquals(
        json(
            "{'type':'object','maximum':1,'properties':{'spec':{'type':'string','default':'x',"
                + "'maxLength':0}},'additionalProperties':false,"
                + "'x-kubernetes-preserve-unknown-fields':true}"),
        o.at("/spec/versions/0/schema/openAPIV3Schema"));
    assertEquals(o, ProtobufBodies.decode(ProtobufBodies.encode(o)));
  }

  @Test
  void goDuration() {
    assertEquals("0s", GoDuration.format(0));
    assertEquals("1h0m0s", GoDuration.format(3_600_000_000_000L));
    assertEquals("1m30s", GoDuration.format(90_000_000_000L));
    assertEquals("1.5s", GoDuration.format(1_500_000_000L));
    assertEquals("300ms", GoDuration.format(300_000_000L));
    assertEquals("1.5µs", GoDuration.format(1_500L));
    assertEquals("12ns", GoDuration.format(12L));
    assertEquals("-2m0.000000001s", GoDuration.format(-120_000_000_001L));
    assertEquals("2562047h47m16.854775808s", GoDuration.format(Long.MIN_VALUE).substring(1));
    for (long n : new long[] {0, 1, 999, 1_500, 300_000_000L, 3_723_000_000_000L, -5_000_000L}) {
      assertEquals(n, GoDuration.parse(GoDuration.format(n)));
    }
    assertEquals(5_400_000_000_000L, GoDuration.parse("1.5h"));
    assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("5"));
    assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("5x"));
  }

  // ------------------------------------------------------------------ failures

  @Test
  void wrongOrMissingMagic() {
    assertEquals("empty data", badRequest(new byte[0]).getMessage());
    assertEquals(
        "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
        badRequest("{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8)).getMessage());
    assertEquals(
        "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
        badRequest(new byte[] {'k', '8', 's'}).getMessage());
    assertEquals("empty body", badRequest(new byte[] {'k', '8', 's', 0}).getMessage());
    byte[] good = envelope("v1", "ConfigMap", V1.ConfigMap.getDefaultInstance());
    good[2] = 'S';
    badRequest(good);
  }

  @Test
  void unknownOrMissingKind() {
    assertEquals(
        "no kind \"Gadget\" is registered for version \"v1\" in scheme"
            + " \"pkg/api/legacyscheme/scheme.go:30\"",
        badRequest(envelope("v1", "Gadget", ByteString.EMPTY)).getMessage());
    badRequest(envelope("example.com/v1", "Foo", ByteString.EMPTY));
    badRequest(envelope("a/b/c", "ConfigMap", ByteString.EMPTY));
    assertEquals(
        "Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:\"v1\", Kind:\"\"}'",
        badRequest(envelope("v1", "", ByteString.EMPTY)).getMessage());
    assertEquals(
        "Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:\"\", Kind:\"ConfigMap\"}'",
        badRequest(envelope("", "ConfigMap", ByteString.EMPTY)).getMessage());
  }

  @Test
  void defaultsAndUpstreamWording() {
    byte[] noKind = envelope("", "", V1.ConfigMap.newBuilder().setMetadata(goMeta("x")).build());
    assertEquals(
        json("{'kind':'ConfigMap','apiVersion':'v1','metadata':{'name':'x'}}"),
        ProtobufBodies.decode(noKind, "", "v1", "ConfigMap"));
    StatusException e =
        assertThrows(
            StatusException.class,
            () ->
                ProtobufBodies.decode(
                    envelope("v1", "Gadget", ByteString.EMPTY), "", "v1", "ConfigMap"));
    assertEquals(400, e.code());
    assertEquals(
        "Gadget in version \"v1\" cannot be handled as a ConfigMap: no kind \"Gadget\" is"
            + " registered for version \"v1\" in scheme \"pkg/api/legacyscheme/scheme.go:30\"",
        e.getMessage());
    e =
        assertThrows(
            StatusException.class,
            () -> ProtobufBodies.decode(new byte[] {1, 2, 3}, "", "v1", "ConfigMap"));
    assertEquals(
        "the object provided is unrecognized (must be of type ConfigMap): provided data does not"
            + " appear to be a protobuf message, expected prefix [107 56 115 0] (010203)",
        e.getMessage());
  }

  @Test
  void metaKindsInAnyGroupVersion() {
    Meta.DeleteOptions opts =
        Meta.DeleteOptions.newBuilder()
            .setGracePeriodSeconds(0)
            .setPropagationPolicy("Foreground")
            .build();
    assertEquals(
        json(
            "{'kind':'DeleteOptions','apiVersion':'apps/v1','gracePeriodSeconds':0,"
                + "'propagationPolicy':'Foreground'}"),
        ProtobufBodies.decode(envelope("apps/v1", "DeleteOptions", opts)));
  }

  @Test
  @Timeout(20)
  void truncatedBodiesAreRejected() {
    byte[] full = envelope("apps/v1", "Deployment", deployment());
    ProtobufBodies.decode(full);
    int rejected = 0;
    for (int len = 0; len < full.length; len++) {
      byte[] cut = Arrays.copyOf(full, len);
      try {
        ProtobufBodies.decode(cut);
      } catch (StatusException e) {
        assertEquals(400, e.code());
        rejected++;
      }
    }
    // a protobuf cut exactly between two top-level fields of the envelope can still parse; most
    // cuts land inside a field
    assertTrue(rejected > full.length * 9 / 10, "rejected " + rejected + " of " + full.length);
    // cut inside raw: envelope intact, object message truncated
    ByteString raw = deployment().toByteString();
    StatusException e =
        badRequest(envelope("apps/v1", "Deployment", raw.substring(0, raw.size() - 3)));
    assertEquals("unexpected EOF", e.getMessage());
  }

  @Test
  @Timeout(30)
  void randomGarbageIsRejectedQuickly() {
    Random r = new Random(42);
    for (int i = 0; i < 5000; i++) {
      byte[] b = new byte[r.nextInt(200)];
      r.nextBytes(b);
      if (i % 2 == 0 && b.length >= 4) {
        b[0] = 'k';
        b[1] = '8';
        b[2] = 's';
        b[3] = 0;
      }
      badRequest(b);
    }
    // garbage inside a valid envelope of a known kind
    for (int i = 0; i < 5000; i++) {
      byte[] raw = new byte[r.nextInt(100)];
      r.nextBytes(raw);
      try {
        ProtobufBodies.decode(envelope("apps/v1", "Deployment", ByteString.copyFrom(raw)));
      } catch (StatusException e) {
        assertEquals(400, e.code());
      }
    }
  }

  @Test
  @Timeout(20)
  void deepNestingIsBounded() throws Exception {
    // JSONSchemaProps.not (field 28) nested 5000 levels
    ByteString inner = ByteString.EMPTY;
    for (int i = 0; i < 5000; i++) {
      ByteString.Output out = ByteString.newOutput();
      CodedOutputStream cos = CodedOutputStream.newInstance(out);
      cos.writeBytes(28, inner);
      cos.flush();
      inner = out.toByteString();
    }
    ByteString crd = wrap(wrap(wrap(wrap(inner, 1), 4), 7), 2); // schema/validation/versions/spec
    badRequest(envelope("apiextensions.k8s.io/v1", "CustomResourceDefinition", crd));
    // deeply nested groups (wire type 3) in the envelope itself
    byte[] groups = new byte[4 + 20000];
    groups[0] = 'k';
    groups[1] = '8';
    groups[2] = 's';
    groups[3] = 0;
    Arrays.fill(groups, 4, groups.length, (byte) ((9 << 3) | 3));
    badRequest(groups);
    // and inside the object message, also below a map entry
    byte[] rawGroups = new byte[20000];
    Arrays.fill(rawGroups, (byte) ((9 << 3) | 3));
    badRequest(envelope("v1", "ConfigMap", ByteString.copyFrom(rawGroups)));
    // a ConfigMap.data entry made of nested groups
    badRequest(envelope("v1", "ConfigMap", wrap(ByteString.copyFrom(rawGroups), 2)));
  }

  static ByteString wrap(ByteString b, int field) throws Exception {
    ByteString.Output out = ByteString.newOutput();
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.writeBytes(field, b);
    cos.flush();
    return out.toByteString();
  }

  @Test
  void invalidEmbeddedJsonIsBadRequest() {
    Meta.ObjectMeta md =
        goMeta("x")
            .addManagedFields(
                Meta.ManagedFieldsEntry.newBuilder()
                    .setFieldsV1(
                        Meta.FieldsV1.newBuilder().setRaw(ByteString.copyFromUtf8("{nope"))))
            .build();
    badRequest(envelope("v1", "ConfigMap", V1.ConfigMap.newBuilder().setMetadata(md).build()));
    IntStr.IntOrString bogus = IntStr.IntOrString.newBuilder().setType(7).build();
    V1Apps.Deployment d =
        V1Apps.Deployment.newBuilder()
            .setSpec(
                V1Apps.DeploymentSpec.newBuilder()
                    .setStrategy(
                        V1Apps.DeploymentStrategy.newBuilder()
                            .setRollingUpdate(
                                V1Apps.RollingUpdateDeployment.newBuilder().setMaxSurge(bogus))))
            .build();
    badRequest(envelope("apps/v1", "Deployment", d));
  }
}
