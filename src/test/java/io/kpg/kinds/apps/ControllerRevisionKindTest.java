package io.kpg.kinds.apps;

import static io.kpg.kinds.core.PodsTestJson.messages;
import static io.kpg.kinds.core.PodsTestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerRevisionKindTest {
  private final ControllerRevisionKind kind = new ControllerRevisionKind();

  @Test
  void validation() {
    assertEquals(
        List.of(
            "data: Required value: data is mandatory",
            "revision: Invalid value: -1: must be greater than or equal to 0"),
        messages(kind.validate(obj("{'metadata':{'name':'r'},'revision':-1}"))));
    ObjectNode old = obj("{'metadata':{'name':'r'},'revision':1,'data':{'a':1}}");
    ObjectNode now = obj("{'metadata':{'name':'r'},'revision':1,'data':{'a':2}}");
    assertEquals(
        List.of("data: Invalid value: {\"a\":2}: field is immutable"),
        messages(kind.validateUpdate(now, old)));
  }

  @Test
  void row() {
    ObjectNode cr =
        obj(
            "{'metadata':{'name':'web-5d9','ownerReferences':[{'apiVersion':'apps/v1',"
                + "'kind':'StatefulSet','name':'web','controller':true}]},'revision':3,'data':{}}");
    assertEquals(
        List.of("web-5d9", "statefulset.apps/web", 3L, "<unknown>"), kind.row(cr, Instant.now()));
    assertEquals(
        "<none>", kind.row(obj("{'metadata':{'name':'x'},'revision':1}"), Instant.now()).get(1));
  }
}
