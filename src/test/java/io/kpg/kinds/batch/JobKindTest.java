package io.kpg.kinds.batch;

import static io.kpg.kinds.core.PodsTestJson.messages;
import static io.kpg.kinds.core.PodsTestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobKindTest {
  private final JobKind kind = new JobKind();

  private static ObjectNode job(String restartPolicy, String templateLabels) {
    return obj(
        "{'metadata':{'name':'pi','uid':'u-1','creationTimestamp':'2024-01-01T00:00:00Z'},"
            + "'spec':{'template':{"
            + (templateLabels == null ? "" : "'metadata':{'labels':" + templateLabels + "},")
            + "'spec':{"
            + (restartPolicy == null ? "" : "'restartPolicy':'" + restartPolicy + "',")
            + "'containers':[{'name':'pi','image':'perl:5.34'}]}}}}");
  }

  /** The create path as upstream runs it: defaults, PrepareForCreate (+ selector), validation. */
  private List<String> create(ObjectNode j) {
    kind.applyDefaults(j);
    kind.prepareForCreate(j);
    return messages(kind.validate(j));
  }

  @Test
  void defaults() {
    ObjectNode j = job("Never", null);
    kind.applyDefaults(j);
    assertEquals(
        obj(
            "{'completions':1,'parallelism':1,'backoffLimit':6,'completionMode':'NonIndexed',"
                + "'suspend':false,'podReplacementPolicy':'TerminatingOrFailed'}"),
        withoutTemplate(j));
    assertEquals("Never", j.at("/spec/template/spec/restartPolicy").asText());
    assertEquals("IfNotPresent", j.at("/spec/template/spec/containers/0/imagePullPolicy").asText());
  }

  @Test
  void parallelismOnlyAndPodFailurePolicyDefaults() {
    ObjectNode j = job("Never", null);
    ((ObjectNode) j.get("spec")).put("parallelism", 3);
    ((ObjectNode) j.get("spec"))
        .set(
            "podFailurePolicy",
            obj("{'rules':[{'action':'Ignore','onPodConditions':[{'type':'DisruptionTarget'}]}]}"));
    kind.applyDefaults(j);
    assertFalse(j.at("/spec").has("completions"));
    assertEquals("Failed", j.at("/spec/podReplacementPolicy").asText());
    assertEquals("True", j.at("/spec/podFailurePolicy/rules/0/onPodConditions/0/status").asText());
  }

  private static ObjectNode withoutTemplate(ObjectNode j) {
    ObjectNode spec = j.get("spec").deepCopy();
    spec.remove("template");
    return spec;
  }

  @Test
  void generatedSelectorAndLabels() {
    ObjectNode j = job("Never", null);
    assertEquals(List.of(), create(j));
    assertEquals(
        obj("{'matchLabels':{'batch.kubernetes.io/controller-uid':'u-1'}}"),
        j.at("/spec/selector"));
    assertEquals(
        obj(
            "{'job-name':'pi','batch.kubernetes.io/job-name':'pi','controller-uid':'u-1',"
                + "'batch.kubernetes.io/controller-uid':'u-1'}"),
        j.at("/spec/template/metadata/labels"));
    assertEquals(j.at("/spec/template/metadata/labels"), j.at("/metadata/labels"));
  }

  @Test
  void templateLabelsSharedWithJobLabels() {
    ObjectNode j = job("OnFailure", "{'app':'pi'}");
    assertEquals(List.of(), create(j));
    assertEquals("pi", j.at("/metadata/labels/app").asText());
    assertEquals("u-1", j.at("/metadata/labels/controller-uid").asText());
    ObjectNode own = job("Never", "{'app':'pi'}");
    ((ObjectNode) own.get("metadata")).set("labels", obj("{'team':'t'}"));
    create(own);
    assertEquals(obj("{'team':'t'}"), own.at("/metadata/labels"));
  }

  @Test
  void uidAssignedWhenMissing() {
    ObjectNode j = job("Never", null);
    ((ObjectNode) j.get("metadata")).remove("uid");
    assertEquals(List.of(), create(j));
    String uid = j.at("/metadata/uid").asText();
    assertFalse(uid.isEmpty());
    assertEquals(
        uid, j.at("/spec/selector/matchLabels/batch.kubernetes.io~1controller-uid").asText());
  }

  @Test
  void restartPolicyRequired() {
    assertEquals(
        List.of(
            "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\","
                + " \"Never\""),
        create(job(null, null)));
  }

  @Test
  void manualSelectorMustMatch() {
    ObjectNode j = job("Never", "{'app':'a'}");
    ((ObjectNode) j.get("spec")).put("manualSelector", true);
    ((ObjectNode) j.get("spec")).set("selector", obj("{'matchLabels':{'app':'b'}}"));
    assertEquals(
        List.of(
            "spec.template.metadata.labels: Invalid value: {\"app\":\"a\"}: `selector` does not"
                + " match template `labels`"),
        create(j));
  }

  @Test
  void wrongControllerUidLabel() {
    ObjectNode j = job("Never", "{'controller-uid':'other'}");
    List<String> errs = create(j);
    assertTrue(
        errs.contains(
            "spec.template.metadata.labels[controller-uid]: Invalid value: \"other\": must be"
                + " 'u-1'"),
        errs.toString());
  }

  @Test
  void negativeFields() {
    ObjectNode j = job("Never", null);
    ((ObjectNode) j.get("spec")).put("backoffLimit", -1);
    assertEquals(
        List.of("spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"),
        create(j));
  }

  @Test
  void templateImmutable() {
    ObjectNode old = job("Never", null);
    create(old);
    ObjectNode same = old.deepCopy();
    assertEquals(List.of(), kind.validateUpdate(same, old));
    ObjectNode changed = old.deepCopy();
    ((ObjectNode) changed.at("/spec/template/spec/containers/0")).put("image", "perl:6");
    List<String> errs = messages(kind.validateUpdate(changed, old));
    assertEquals(1, errs.size(), errs.toString());
    assertTrue(errs.get(0).startsWith("spec.template: Invalid value: "), errs.toString());
    assertTrue(errs.get(0).endsWith(": field is immutable"), errs.toString());
    ObjectNode comp = old.deepCopy();
    ((ObjectNode) comp.get("spec")).put("completions", 2);
    assertEquals(
        List.of("spec.completions: Invalid value: 2: field is immutable"),
        messages(kind.validateUpdate(comp, old)));
  }

  @Test
  void suspendedJobsMayChangeSchedulingDirectives() {
    ObjectNode old = job("Never", null);
    ((ObjectNode) old.get("spec")).put("suspend", true);
    create(old);
    ObjectNode changed = old.deepCopy();
    ((ObjectNode) changed.at("/spec/template/spec")).set("nodeSelector", obj("{'zone':'a'}"));
    assertEquals(List.of(), kind.validateUpdate(changed, old));
  }

  @Test
  void rows() {
    Instant now = Instant.parse("2024-01-01T00:10:00Z");
    ObjectNode j = job("Never", null);
    create(j);
    j.set(
        "status",
        obj(
            "{'succeeded':1,'startTime':'2024-01-01T00:00:00Z','completionTime':'2024-01-01T00:00:05Z',"
                + "'conditions':[{'type':'Complete','status':'True'}]}"));
    assertEquals(
        List.of(
            "pi",
            "Complete",
            "1/1",
            "5s",
            "10m",
            "pi",
            "perl:5.34",
            "batch.kubernetes.io/controller-uid=u-1"),
        kind.row(j, now));
    ObjectNode running = job("Never", null);
    kind.applyDefaults(running);
    ((ObjectNode) running.get("spec")).remove("completions");
    ((ObjectNode) running.get("spec")).put("parallelism", 2);
    running.set("status", obj("{'startTime':'2024-01-01T00:09:00Z'}"));
    List<Object> row = kind.row(running, now);
    assertEquals(List.of("pi", "Running", "0/1 of 2", "60s"), row.subList(0, 4));
    assertEquals("<none>", row.get(7));
    assertEquals("1", kind.fieldSelectors().get("status.successful").apply(j));
  }
}
