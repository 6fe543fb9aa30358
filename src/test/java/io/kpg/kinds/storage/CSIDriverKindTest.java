package io.kpg.kinds.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class CSIDriverKindTest {
  final CSIDriverKind k = new CSIDriverKind();

  @Test
  void defaultsAndRow() {
    var d = T.obj("{'metadata':{'name':'csi.example.com'}}");
    k.applyDefaults(d);
    assertTrue(d.at("/spec/attachRequired").asBoolean());
    assertEquals("ReadWriteOnceWithFSType", d.at("/spec/fsGroupPolicy").asText());
    assertTrue(k.validate(d).isEmpty(), T.messages(k.validate(d)));
    assertEquals(
        List.of("csi.example.com", true, false, false, "<unset>", false, "Persistent", "<unknown>"),
        k.row(d, T.NOW));
    var upd = d.deepCopy();
    upd.with("spec").put("attachRequired", false);
    assertEquals(
        "spec.attachRequired: Invalid value: false: field is immutable",
        T.messages(k.validateUpdate(upd, d)));
  }
}
