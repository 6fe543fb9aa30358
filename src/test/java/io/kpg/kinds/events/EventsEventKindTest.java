package io.kpg.kinds.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.kinds.core.T;
import org.junit.jupiter.api.Test;

class EventsEventKindTest {
  final EventsEventKind k = new EventsEventKind();

  static final String GOOD =
      "{'metadata':{'name':'e','namespace':'d'},'eventTime':'2024-01-01T00:00:00.000000Z','regarding':{'kind':'Pod','name':'p','namespace':'d'},"
          + "'reason':'Started','action':'Start','reportingController':'example.com/ctl','reportingInstance':'i1','type':'Normal','note':'hi'}";

  @Test
  void strictValidation() {
    assertTrue(k.validate(T.obj(GOOD)).isEmpty(), T.messages(k.validate(T.obj(GOOD))));
    var bad = T.obj(GOOD);
    bad.put("type", "Odd");
    bad.put("deprecatedCount", 3);
    bad.remove("reportingController");
    String m = T.messages(k.validate(bad));
    assertTrue(m.contains("type: Invalid value: \"\": has invalid value: Odd"), m);
    assertTrue(m.contains("count: Invalid value: \"\": needs to be unset"), m);
    assertTrue(m.contains("reportingController: Required value"), m);
  }

  @Test
  void immutableOnUpdate() {
    var old = T.obj(GOOD);
    var upd = T.obj(GOOD);
    upd.put("note", "changed");
    assertEquals(
        "message: Invalid value: \"changed\": field is immutable",
        T.messages(k.validateUpdate(upd, old)));
  }

  @Test
  void conversionAndRow() {
    var core = EventsEventKind.toCore(T.obj(GOOD));
    assertEquals("Pod", core.at("/involvedObject/kind").asText());
    assertEquals("hi", core.get("message").asText());
    var back = EventsEventKind.fromCore(core);
    assertEquals("example.com/ctl", back.get("reportingController").asText());
    assertEquals("pod/p", k.row(T.obj(GOOD), T.NOW).get(3));
    assertEquals("Pod", k.fieldSelectors().get("regarding.kind").apply(T.obj(GOOD)));
  }
}
