package io.kpg.kinds.core;

import static io.kpg.kinds.core.PodsTestJson.messages;
import static io.kpg.kinds.core.PodsTestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodSpecsTest {

  @Test
  void pullPolicyFollowsTheTag() {
    assertEquals("Always", PodSpecs.defaultPullPolicy("nginx"));
    assertEquals("Always", PodSpecs.defaultPullPolicy("nginx:latest"));
    assertEquals("Always", PodSpecs.defaultPullPolicy("localhost:5000/team/app"));
    assertEquals("IfNotPresent", PodSpecs.defaultPullPolicy("nginx:1.25"));
    assertEquals("IfNotPresent", PodSpecs.defaultPullPolicy("registry.k8s.io/pause:3.9"));
    assertEquals(
        "IfNotPresent",
        PodSpecs.defaultPullPolicy(
            "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
    // unparseable references (upper case) give no tag, hence IfNotPresent
    assertEquals("IfNotPresent", PodSpecs.defaultPullPolicy("Nginx"));
    assertEquals("IfNotPresent", PodSpecs.defaultPullPolicy(""));
  }

  @Test
  void podSpecDefaults() {
    ObjectNode spec =
        obj(
            "{'containers':[{'name':'c','image':'nginx:1','ports':[{'containerPort':80}],"
                + "'env':[{'name':'N','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}}],"
                + "'livenessProbe':{'httpGet':{'port':80}},'readinessProbe':{'grpc':{'port':9}},"
                + "'lifecycle':{'preStop':{'httpGet':{'port':80,'path':'/q'}}}}],"
                + "'volumes':[{'name':'a'},{'name':'b','configMap':{'name':'x'}},"
                + "{'name':'s','secret':{'secretName':'y'}},{'name':'h','hostPath':{'path':'/x'}},"
                + "{'name':'p','projected':{'sources':[{'serviceAccountToken':{'path':'t'}}]}}]}");
    PodSpecs.applyPodSpecDefaults(spec);
    assertEquals("ClusterFirst", spec.path("dnsPolicy").asText());
    assertEquals("Always", spec.path("restartPolicy").asText());
    assertEquals("default-scheduler", spec.path("schedulerName").asText());
    assertEquals(30, spec.path("terminationGracePeriodSeconds").asInt());
    assertEquals(obj("{}"), spec.get("securityContext"));
    assertFalse(spec.has("enableServiceLinks"), "enableServiceLinks is pod-only");
    ObjectNode c = (ObjectNode) spec.path("containers").get(0);
    assertEquals("IfNotPresent", c.path("imagePullPolicy").asText());
    assertEquals("/dev/termination-log", c.path("terminationMessagePath").asText());
    assertEquals("File", c.path("terminationMessagePolicy").asText());
    assertEquals("TCP", c.path("ports").get(0).path("protocol").asText());
    assertEquals("v1", c.at("/env/0/valueFrom/fieldRef/apiVersion").asText());
    assertEquals(
        obj(
            "{'httpGet':{'port':80,'path':'/','scheme':'HTTP'},'timeoutSeconds':1,"
                + "'periodSeconds':10,'successThreshold':1,'failureThreshold':3}"),
        c.get("livenessProbe"));
    assertEquals("", c.at("/readinessProbe/grpc/service").asText("missing"));
    assertEquals(
        obj("{'port':80,'path':'/q','scheme':'HTTP'}"), c.at("/lifecycle/preStop/httpGet"));
    assertEquals(obj("{'name':'a','emptyDir':{}}"), spec.path("volumes").get(0));
    assertEquals(420, spec.at("/volumes/1/configMap/defaultMode").asInt());
    assertEquals(420, spec.at("/volumes/2/secret/defaultMode").asInt());
    assertEquals("", spec.at("/volumes/3/hostPath/type").asText("missing"));
    assertEquals(420, spec.at("/volumes/4/projected/defaultMode").asInt());
    assertEquals(
        3600,
        spec.at("/volumes/4/projected/sources/0/serviceAccountToken/expirationSeconds").asInt());
  }

  @Test
  void podOnlyDefaults() {
    ObjectNode spec =
        obj(
            "{'hostNetwork':true,'containers':[{'name':'c','image':'i',"
                + "'resources':{'limits':{'cpu':'1','memory':'1Gi'},'requests':{'cpu':'500m'}},"
                + "'ports':[{'containerPort':8080}]}]}");
    PodSpecs.applyPodOnlyDefaults(spec);
    assertEquals(obj("{'cpu':'500m','memory':'1Gi'}"), spec.at("/containers/0/resources/requests"));
    assertTrue(spec.path("enableServiceLinks").asBoolean());
    assertEquals(8080, spec.at("/containers/0/ports/0/hostPort").asInt());
  }

  @Test
  void existingValuesAreKept() {
    ObjectNode spec =
        obj(
            "{'restartPolicy':'Never','dnsPolicy':'Default','terminationGracePeriodSeconds':0,"
                + "'containers':[{'name':'c','image':'i','imagePullPolicy':'Never'}]}");
    PodSpecs.applyPodSpecDefaults(spec);
    assertEquals("Never", spec.path("restartPolicy").asText());
    assertEquals("Default", spec.path("dnsPolicy").asText());
    assertEquals(0, spec.path("terminationGracePeriodSeconds").asInt());
    assertEquals("Never", spec.at("/containers/0/imagePullPolicy").asText());
  }

  private static List<String> validate(String spec) {
    ObjectNode s = obj(spec);
    PodSpecs.applyPodSpecDefaults(s);
    return messages(PodSpecs.validatePodSpec(s, "spec"));
  }

  @Test
  void validDefaultedSpecHasNoErrors() {
    assertEquals(List.of(), validate("{'containers':[{'name':'web','image':'nginx'}]}"));
  }

  @Test
  void containersRequired() {
    assertEquals(List.of("spec.containers: Required value"), validate("{'containers':[]}"));
    assertEquals(List.of("spec.containers: Required value"), validate("{}"));
  }

  @Test
  void containerNameAndImage() {
    List<String> errs = validate("{'containers':[{'name':'Web_1'},{'name':'','image':'x'}]}");
    assertTrue(
        errs.get(0)
            .startsWith(
                "spec.containers[0].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label"),
        errs.toString());
    assertTrue(errs.contains("spec.containers[0].image: Required value"), errs.toString());
    assertTrue(errs.contains("spec.containers[1].name: Required value"), errs.toString());
  }

  @Test
  void duplicateNamesAcrossInitAndRegular() {
    List<String> errs =
        validate(
            "{'containers':[{'name':'a','image':'x'},{'name':'a','image':'x'}],"
                + "'initContainers':[{'name':'a','image':'x'}]}");
    assertEquals(
        List.of(
            "spec.containers[1].name: Duplicate value: \"a\"",
            "spec.initContainers[0].name: Duplicate value: \"a\""),
        errs);
  }

  @Test
  void ports() {
    List<String> errs =
        validate(
            "{'containers':[{'name':'a','image':'x','ports':["
                + "{'containerPort':70000,'name':'http'},{'containerPort':81,'name':'http'},"
                + "{'containerPort':82,'protocol':'ICMP'},{'name':'--'}]}]}");
    assertTrue(
        errs.contains(
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and"
                + " 65535, inclusive"),
        errs.toString());
    assertTrue(
        errs.contains("spec.containers[0].ports[1].name: Duplicate value: \"http\""),
        errs.toString());
    assertTrue(
        errs.contains(
            "spec.containers[0].ports[2].protocol: Unsupported value: \"ICMP\": supported values:"
                + " \"SCTP\", \"TCP\", \"UDP\""),
        errs.toString());
    assertTrue(
        errs.contains("spec.containers[0].ports[3].containerPort: Required value"),
        errs.toString());
  }

  @Test
  void restartAndDnsPolicy() {
    List<String> errs =
        validate(
            "{'restartPolicy':'Sometimes','dnsPolicy':'Odd','containers':[{'name':'a','image':'x'}]}");
    assertEquals(
        List.of(
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\","
                + " \"OnFailure\", \"Never\"",
            "spec.dnsPolicy: Unsupported value: \"Odd\": supported values:"
                + " \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""),
        errs);
  }

  @Test
  void volumesAndMounts() {
    List<String> errs =
        validate(
            "{'volumes':[{'name':'v','emptyDir':{}},{'name':'v','emptyDir':{}}],"
                + "'containers':[{'name':'a','image':'x','volumeMounts':["
                + "{'name':'missing','mountPath':'/a'},{'name':'v','mountPath':'/a'}]}]}");
    assertTrue(errs.contains("spec.volumes[1].name: Duplicate value: \"v\""), errs.toString());
    assertTrue(
        errs.contains("spec.containers[0].volumeMounts[0].name: Not found: \"missing\""),
        errs.toString());
    assertTrue(
        errs.contains(
            "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/a\": must be unique"),
        errs.toString());
  }

  @Test
  void probes() {
    List<String> errs =
        validate(
            "{'containers':[{'name':'a','image':'x','livenessProbe':{'successThreshold':2,"
                + "'exec':{'command':['true']}},'readinessProbe':{}}]}");
    assertTrue(
        errs.contains(
            "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"),
        errs.toString());
    assertTrue(
        errs.contains(
            "spec.containers[0].readinessProbe: Required value: must specify a handler type"),
        errs.toString());
  }

  @Test
  void templateLabelsAreValidatedAtUpstreamsPath() {
    ObjectNode t =
        obj("{'metadata':{'labels':{'a b':'x'}},'spec':{'containers':[{'name':'c','image':'i'}]}}");
    PodSpecs.applyPodTemplateDefaults(t);
    List<String> errs = messages(PodSpecs.validatePodTemplate(t, "spec.template"));
    assertEquals(1, errs.size(), errs.toString());
    assertTrue(
        errs.get(0).startsWith("spec.template.labels: Invalid value: \"a b\""), errs.toString());
  }

  @Test
  void selectors() {
    ObjectNode sel =
        obj(
            "{'matchLabels':{'b':'2','a':'1'},'matchExpressions':[{'key':'c','operator':'In','values':['y','x']},"
                + "{'key':'d','operator':'DoesNotExist'}]}");
    assertEquals("a=1,b=2,c in (x,y),!d", PodSpecs.selectorString(sel));
    assertTrue(PodSpecs.selectorMatches(sel, obj("{'a':'1','b':'2','c':'x'}")));
    assertFalse(PodSpecs.selectorMatches(sel, obj("{'a':'1','b':'2','c':'x','d':''}")));
    assertFalse(PodSpecs.selectorMatches(null, obj("{'a':'1'}")), "nil selects nothing");
    assertTrue(PodSpecs.selectorMatches(obj("{}"), obj("{'a':'1'}")), "empty selects everything");
    assertNull(PodSpecs.selectorString(obj("{'matchExpressions':[{'key':'a','operator':'Is'}]}")));
    assertEquals("<none>", PodSpecs.formatLabels(obj("{}")));
    assertEquals("a=1,b=2", PodSpecs.formatLabels(obj("{'b':'2','a':'1'}")));
  }

  @Test
  void qosClasses() {
    assertEquals("BestEffort", PodSpecs.qosClass(obj("{'containers':[{'name':'a'}]}")));
    assertEquals(
        "Guaranteed",
        PodSpecs.qosClass(
            obj(
                "{'containers':[{'resources':{'limits':{'cpu':'1','memory':'1Gi'},"
                    + "'requests':{'cpu':'1000m','memory':'1024Mi'}}}]}")));
    assertEquals(
        "Burstable",
        PodSpecs.qosClass(obj("{'containers':[{'resources':{'requests':{'cpu':'100m'}}}]}")));
    assertEquals(
        "Burstable",
        PodSpecs.qosClass(
            obj(
                "{'containers':[{'resources':{'limits':{'cpu':'1','memory':'1Gi'},"
                    + "'requests':{'cpu':'500m','memory':'1Gi'}}}]}")));
  }

  @Test
  void containerCells() {
    String[] cells =
        PodSpecs.containerCells(
            obj("{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}"));
    assertEquals("a,b", cells[0]);
    assertEquals("x,y", cells[1]);
  }
}
