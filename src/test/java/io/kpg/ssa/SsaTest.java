package io.kpg.ssa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.StatusException;
import io.kpg.json.Json;
import io.kpg.kinds.apps.DeploymentKind;
import io.kpg.schema.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class SsaTest {
  static final Schema DEPLOY = new DeploymentKind().schema();
  static final String T = "2026-01-01T00:00:00Z";

  static ObjectNode json(String s) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode deploy(int replicas, String image, String extraContainer) {
    String c2 =
        extraContainer == null ? "" : ",{'name':'" + extraContainer + "','image':'busybox'}";
    return json(
        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'app':'web'}},"
            + "'spec':{'replicas':"
            + replicas
            + ",'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':{'labels':{'app':'web'}},"
            + "'spec':{'containers':[{'name':'web','image':'"
            + image
            + "','ports':[{'containerPort':80}]}"
            + c2
            + "]}}}}");
  }

  static Apply.Result apply(ObjectNode live, ObjectNode cfg, String mgr, boolean force) {
    List<ManagedEntry> managed =
        live == null ? List.of() : ManagedEntry.parse(live.at("/metadata/managedFields"));
    return Apply.apply(
        live, cfg, mgr, force, DEPLOY, managed, "apps/v1", null, Scope.main(true), T);
  }

  @Test
  void fieldSetOfDeploymentMatchesUpstreamShape() {
    FieldSet s = FieldSet.of(deploy(2, "nginx", null), DEPLOY).filter(Scope.main(true));
    ObjectNode v1 = s.toFieldsV1();
    assertEquals(
        json(
            "{'f:metadata':{'f:labels':{'f:app':{}}},'f:spec':{'f:replicas':{},"
                + "'f:selector':{},'f:template':{'f:metadata':{'f:labels':{'f:app':{}}},"
                + "'f:spec':{'f:containers':{'k:{\\'name\\':\\'web\\'}':{'.':{},'f:image':{},'f:name':{},"
                + "'f:ports':{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{}}}}}}}}}"),
        v1);
    assertEquals(s, FieldSet.fromFieldsV1(v1));
    // member with children encodes "." first
    assertEquals(
        ".",
        v1.at("/f:spec/f:template/f:spec/f:containers")
            .fields()
            .next()
            .getValue()
            .fieldNames()
            .next());
  }

  @Test
  void atomicSelectorIsOneFieldMergedAndComparedWhole() {
    // LabelSelector is +structType=atomic upstream: one member, replaced as a whole
    Apply.Result r = apply(null, deploy(2, "nginx", null), "a", false);
    ObjectNode live = r.object();
    assertEquals(json("{}"), live.at("/metadata/managedFields/0/fieldsV1/f:spec/f:selector"));
    ObjectNode cfg = deploy(2, "nginx", null);
    ((ObjectNode) cfg.at("/spec/selector")).set("matchLabels", json("{'tier':'x'}"));
    ((ObjectNode) cfg.at("/spec/selector"))
        .set(
            "matchExpressions",
            Json.MAPPER.createArrayNode().add(json("{'key':'k','operator':'Exists'}")));
    Apply.Result r2 = apply(live, cfg, "a", false);
    assertTrue(r2.ok());
    // not merged key by key: the old app label is gone
    assertEquals(
        json("{'matchLabels':{'tier':'x'},'matchExpressions':[{'key':'k','operator':'Exists'}]}"),
        r2.object().at("/spec/selector"));

    // another applier of a different selector conflicts on .spec.selector itself
    ObjectNode other =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
                + "'spec':{'selector':{'matchLabels':{'tier':'x','more':'y'}}}}");
    Apply.Result c = apply(r2.object(), other, "b", false);
    assertFalse(c.ok());
    assertEquals(1, c.conflicts().size());
    assertEquals(".spec.selector", c.conflicts().get(0).field());
    // the same selector applied by a second manager is shared, no conflict
    ObjectNode same =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
                + "'spec':{'selector':{'matchExpressions':[{'key':'k','operator':'Exists'}],"
                + "'matchLabels':{'tier':'x'}}}}");
    assertTrue(apply(r2.object(), same, "b", false).ok());
  }

  @Test
  void stalePathsInsideAnAtomicValueAreNotPruned() {
    ObjectNode live = apply(null, deploy(2, "nginx", null), "a", false).object();
    // managedFields recorded before the selector was known atomic
    ObjectNode mf = (ObjectNode) live.at("/metadata/managedFields/0/fieldsV1/f:spec");
    mf.set("f:selector", json("{'f:matchLabels':{'f:app':{}}}"));
    Apply.Result r = apply(live, deploy(3, "nginx", null), "a", false);
    assertTrue(r.ok());
    assertEquals(json("{'matchLabels':{'app':'web'}}"), r.object().at("/spec/selector"));
    assertEquals(json("{}"), r.object().at("/metadata/managedFields/0/fieldsV1/f:spec/f:selector"));
  }

  @Test
  void atomicMapsAndReferenceTypesFromUpstreamMarkers() {
    Schema svc = new io.kpg.kinds.core.ServiceKind().schema();
    ObjectNode s =
        json(
            "{'spec':{'selector':{'app':'web','tier':'x'},'ports':[{'port':80}]},"
                + "'metadata':{'ownerReferences':[{'apiVersion':'v1','kind':'X','name':'n','uid':'u1'}]}}");
    ObjectNode v1 = FieldSet.of(s, svc).toFieldsV1();
    assertEquals(json("{}"), v1.at("/f:spec/f:selector"));
    assertEquals(json("{}"), v1.at("/f:metadata/f:ownerReferences").get("k:{\"uid\":\"u1\"}"));
    // a change inside an atomic map is a change of the map
    ObjectNode changed = s.deepCopy();
    ((ObjectNode) changed.at("/spec/selector")).put("tier", "y");
    Compare c = Compare.of(s, changed, svc);
    assertEquals(FieldSet.of(List.of(FieldSet.fields("spec.selector"))), c.modified());
    // granular maps (labels) stay per key
    assertEquals(
        json("{'f:app':{}}"),
        FieldSet.of(json("{'metadata':{'labels':{'app':'a'}}}"), svc)
            .toFieldsV1()
            .at("/f:metadata/f:labels"));
  }

  @Test
  void lastAppliedFollowsKubectlServerSideApply() {
    String key = Apply.LAST_APPLIED;
    ObjectNode result = json("{'metadata':{'name':'m','annotations':{'x':'1'}}}");
    ((ObjectNode) result.at("/metadata/annotations")).put(key, "{}");
    ObjectNode cfg =
        json("{'kind':'ConfigMap','metadata':{'name':'m','annotations':{}},'data':{'n':1.0}}");
    ((ObjectNode) cfg.at("/metadata/annotations")).put(key, "old");
    Apply.syncLastApplied(result, cfg, "other");
    assertEquals("{}", result.at("/metadata/annotations").get(key).asText());
    Apply.syncLastApplied(result, cfg, "kubectl");
    // the annotation is left out of its own value (an emptied map stays), floats as Go prints them
    assertEquals(
        "{\"data\":{\"n\":1},\"kind\":\"ConfigMap\",\"metadata\":{\"annotations\":{},\"name\":\"m\"}}\n",
        result.at("/metadata/annotations").get(key).asText());
    assertEquals("old", cfg.at("/metadata/annotations").get(key).asText());
    // no annotation on the object: nothing is added
    ObjectNode bare = json("{'metadata':{'name':'m'}}");
    Apply.syncLastApplied(bare, cfg, "kubectl");
    assertTrue(bare.at("/metadata/annotations").isMissingNode());
    // over the annotations size limit the annotation is dropped
    ObjectNode big = json("{'data':{}}");
    ((ObjectNode) big.get("data")).put("v", "x".repeat(Apply.ANNOTATIONS_SIZE_LIMIT));
    Apply.syncLastApplied(result, big, "kubectl");
    assertFalse(result.at("/metadata/annotations").has(key));
    assertEquals("1", result.at("/metadata/annotations/x").asText());
  }

  @Test
  void lastAppliedCoversOnlyFieldsStillAsApplied() {
    ObjectNode live = deploy(2, "nginx", null);
    ((ObjectNode) live.get("metadata"))
        .putObject("annotations")
        .put(Apply.LAST_APPLIED, Json.write(deploy(2, "nginx:old", null)));
    ManagedEntry owner =
        new ManagedEntry("x", ManagedEntry.UPDATE, "apps/v1", T, null, FieldSet.EMPTY);
    List<String> replicas = FieldSet.fields("spec.replicas");
    List<String> image =
        List.of(
            "f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"web\"}", "f:image");
    List<Apply.Conflict> cs =
        List.of(new Apply.Conflict(owner, replicas), new Apply.Conflict(owner, image));
    // replicas is as last applied; the image was changed since, so it still conflicts
    List<Apply.Conflict> left = Apply.notCoveredByLastApplied(live, cs, DEPLOY);
    assertEquals(1, left.size());
    assertEquals(image, left.get(0).path());
    // a last-applied configuration of another version covers nothing
    ((ObjectNode) live.at("/metadata/annotations"))
        .put(Apply.LAST_APPLIED, "{\"apiVersion\":\"apps/v1beta1\",\"spec\":{\"replicas\":2}}");
    assertEquals(2, Apply.notCoveredByLastApplied(live, cs, DEPLOY).size());
  }

  @Test
  void setOperationsAndPathStrings() {
    FieldSet a = FieldSet.of(List.of(FieldSet.fields("spec.replicas"), FieldSet.fields("spec.x")));
    FieldSet b = FieldSet.of(List.of(FieldSet.fields("spec.x"), FieldSet.fields("spec.y")));
    assertEquals(3, a.union(b).size());
    assertEquals(FieldSet.of(List.of(FieldSet.fields("spec.replicas"))), a.difference(b));
    assertEquals(FieldSet.of(List.of(FieldSet.fields("spec.x"))), a.intersection(b));
    assertEquals(
        ".spec.containers[name=\"c\"].image",
        FieldSet.pathString(List.of("f:spec", "f:containers", "k:{\"name\":\"c\"}", "f:image")));
    assertEquals(
        ".metadata.finalizers[=\"x\"]",
        FieldSet.pathString(List.of("f:metadata", "f:finalizers", "v:\"x\"")));
    // set lists (finalizers) decode their values
    FieldSet fin =
        FieldSet.fromFieldsV1(json("{'f:metadata':{'f:finalizers':{'.':{},'v:\\'a\\'':{}}}}"));
    assertEquals(2, fin.size());
    assertTrue(fin.contains(List.of("f:metadata", "f:finalizers", "v:\"a\"")));
  }

  @Test
  void applyCreatesThenUpdatesAndPrunes() {
    Apply.Result r = apply(null, deploy(2, "nginx", "side"), "kubectl", false);
    assertTrue(r.ok());
    JsonNode mf = r.object().at("/metadata/managedFields");
    assertEquals(1, mf.size());
    assertEquals("kubectl", mf.get(0).path("manager").asText());
    assertEquals("Apply", mf.get(0).path("operation").asText());
    assertEquals("FieldsV1", mf.get(0).path("fieldsType").asText());
    assertEquals(2, r.object().at("/spec/template/spec/containers").size());

    // live gains defaults and a second manager's label
    ObjectNode live = r.object().deepCopy();
    ((ObjectNode) live.at("/spec/template/spec/containers/0")).put("imagePullPolicy", "Always");
    ((ObjectNode) live.at("/metadata/labels")).put("team", "a");
    List<ManagedEntry> m =
        Update.record(
            r.object(),
            live,
            "other",
            "apps/v1",
            null,
            T,
            DEPLOY,
            ManagedEntry.parse(live.at("/metadata/managedFields")),
            Scope.main(true));
    ManagedEntry.store(live, m);

    // re-apply: new image, sidecar dropped
    Apply.Result r2 = apply(live, deploy(2, "nginx:2", null), "kubectl", false);
    assertTrue(r2.ok(), () -> r2.conflicts().toString());
    ObjectNode o = r2.object();
    assertEquals("nginx:2", o.at("/spec/template/spec/containers/0/image").asText());
    assertEquals(1, o.at("/spec/template/spec/containers").size());
    assertEquals("Always", o.at("/spec/template/spec/containers/0/imagePullPolicy").asText());
    assertEquals("a", o.at("/metadata/labels/team").asText());
    assertEquals(1, o.at("/spec/template/spec/containers/0/ports").size());
  }

  @Test
  void conflictsUnlessForced() {
    ObjectNode live = apply(null, deploy(2, "nginx", null), "kubectl", false).object();
    Apply.Result r =
        apply(
            live,
            json(
                "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':5}}"),
            "other",
            false);
    assertFalse(r.ok());
    assertEquals(1, r.conflicts().size());
    assertEquals(".spec.replicas", r.conflicts().get(0).field());
    StatusException e = Apply.conflictError(r.conflicts());
    assertEquals(409, e.code());
    assertEquals(
        "Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas", e.getMessage());
    JsonNode cause = e.toStatus().at("/details/causes/0");
    assertEquals("FieldManagerConflict", cause.path("reason").asText());
    assertEquals("conflict with \"kubectl\"", cause.path("message").asText());
    assertEquals(".spec.replicas", cause.path("field").asText());

    // the same value is shared ownership, not a conflict
    Apply.Result same =
        apply(
            live,
            json(
                "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':2}}"),
            "other",
            false);
    assertTrue(same.ok());

    Apply.Result forced =
        apply(
            live,
            json(
                "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':5}}"),
            "other",
            true);
    assertTrue(forced.ok());
    assertEquals(5, forced.object().at("/spec/replicas").asInt());
    for (ManagedEntry e2 : forced.managed()) {
      boolean owns = e2.fields().contains(FieldSet.fields("spec.replicas"));
      assertEquals(e2.manager().equals("other"), owns, e2.manager());
    }
    // kubectl drops replicas from its config: it is kept, other owns it now
    Apply.Result again =
        apply(
            forced.object(),
            json(
                "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'template':{'spec':{'containers':[{'name':'web','image':'nginx'}]}}}}"),
            "kubectl",
            false);
    assertTrue(again.ok());
    assertEquals(5, again.object().at("/spec/replicas").asInt());
  }

  @Test
  void setListsMergeAsUnionsAndSeveralConflictsAreListed() {
    ObjectNode live =
        apply(
                null,
                json(
                    "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
                        + "'finalizers':['a']},'spec':{'replicas':1,'paused':false}}"),
                "one",
                false)
            .object();
    Apply.Result r =
        apply(
            live,
            json(
                "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
                    + "'finalizers':['b']},'spec':{'replicas':2,'paused':true}}"),
            "two",
            false);
    assertEquals(2, r.conflicts().size());
    assertEquals(
        "Apply failed with 2 conflicts: conflicts with \"one\":\n- .spec.paused\n- .spec.replicas",
        Apply.conflictError(r.conflicts()).getMessage());
    Apply.Result f =
        apply(
            live,
            json(
                "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
                    + "'finalizers':['b']}}"),
            "two",
            false);
    assertTrue(f.ok());
    assertEquals("[\"a\",\"b\"]", Json.write(f.object().at("/metadata/finalizers")));
  }

  @Test
  void updateConflictMessageNamesVersion() {
    ObjectNode live = deploy(2, "nginx", null);
    List<ManagedEntry> m =
        Update.record(
            null, live, "kubectl-create", "apps/v1", null, T, DEPLOY, List.of(), Scope.main(true));
    ManagedEntry.store(live, m);
    assertEquals("Update", live.at("/metadata/managedFields/0/operation").asText());
    assertEquals(T, live.at("/metadata/managedFields/0/time").asText());
    Apply.Result r =
        apply(
            live,
            json(
                "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':3}}"),
            "mgr",
            false);
    assertEquals(
        "Apply failed with 1 conflict: conflict with \"kubectl-create\" using apps/v1: .spec.replicas",
        Apply.conflictError(r.conflicts()).getMessage());
  }

  @Test
  void updateMovesOwnershipAndIgnoresNoOps() {
    ObjectNode a = deploy(2, "nginx", null);
    List<ManagedEntry> m =
        Update.record(null, a, "one", "apps/v1", null, T, DEPLOY, List.of(), Scope.main(true));
    assertEquals(1, m.size());
    assertEquals(
        m,
        Update.record(
            a, a.deepCopy(), "two", "apps/v1", null, "later", DEPLOY, m, Scope.main(true)));
    ObjectNode b = a.deepCopy();
    ((ObjectNode) b.get("spec")).put("replicas", 3);
    List<ManagedEntry> m2 =
        Update.record(a, b, "two", "apps/v1", null, "later", DEPLOY, m, Scope.main(true));
    assertEquals(2, m2.size());
    ManagedEntry one = m2.stream().filter(e -> e.manager().equals("one")).findFirst().get();
    ManagedEntry two = m2.stream().filter(e -> e.manager().equals("two")).findFirst().get();
    assertFalse(one.fields().contains(FieldSet.fields("spec.replicas")));
    assertEquals(FieldSet.of(List.of(FieldSet.fields("spec.replicas"))), two.fields());
    assertEquals("later", two.time());
    // status changes are not owned through the main resource
    ObjectNode c = b.deepCopy();
    c.putObject("status").put("replicas", 1);
    assertEquals(
        m2, Update.record(b, c, "three", "apps/v1", null, T, DEPLOY, m2, Scope.main(true)));
    List<ManagedEntry> st =
        Update.record(b, c, "ctl", "apps/v1", "status", T, DEPLOY, m2, Scope.status());
    assertEquals("status", st.get(st.size() - 1).subresource());
    assertNull(ManagedEntry.parse(null).isEmpty() ? null : "x");
  }

  @Test
  void updateEntriesBeyondTenMergeIntoAncientChanges() {
    java.util.List<ManagedEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 11; i++) {
      entries.add(
          new ManagedEntry(
              "m" + i,
              ManagedEntry.UPDATE,
              "v1",
              String.format("2026-01-01T00:00:%02dZ", i),
              null,
              FieldSet.of(List.of(List.of("f:data", "f:k" + i)))));
    }
    entries.add(
        new ManagedEntry(
            "applier",
            ManagedEntry.APPLY,
            "v1",
            "2025-01-01T00:00:00Z",
            null,
            FieldSet.of(List.of(List.of("f:data", "f:a")))));
    List<ManagedEntry> capped = ManagedEntry.capUpdateManagers(entries);
    assertEquals(11, capped.size(), capped.toString());
    ManagedEntry ancient =
        capped.stream()
            .filter(e -> e.manager().equals("ancient-changes"))
            .findFirst()
            .orElseThrow();
    assertEquals("2026-01-01T00:00:01Z", ancient.time());
    assertEquals(
        FieldSet.of(List.of(List.of("f:data", "f:k0"), List.of("f:data", "f:k1"))),
        ancient.fields());
    assertTrue(
        capped.stream().noneMatch(e -> e.manager().equals("m0") || e.manager().equals("m1")));
    assertTrue(capped.stream().anyMatch(e -> e.manager().equals("applier")));
    assertEquals(entries.subList(0, 10), ManagedEntry.capUpdateManagers(entries.subList(0, 10)));
  }
}
