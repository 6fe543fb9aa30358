package io.kpg.kinds.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeAttachmentKindTest {
  final VolumeAttachmentKind k = new VolumeAttachmentKind();

  @Test
  void validationAndRow() {
    var va =
        T.obj(
            "{'metadata':{'name':'va'},'spec':{'attacher':'csi.example.com','nodeName':'n1','source':{'persistentVolumeName':'pv1'}},'status':{'attached':true}}");
    assertTrue(k.validate(va).isEmpty(), T.messages(k.validate(va)));
    assertTrue(k.hasStatus());
    assertEquals(
        "spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName",
        T.messages(k.validate(T.obj("{'spec':{'attacher':'a','nodeName':'n'}}"))));
    var upd = va.deepCopy();
    upd.with("spec").put("nodeName", "n2");
    assertTrue(T.messages(k.validateUpdate(upd, va)).endsWith("field is immutable"));
    assertEquals(
        List.of("va", "csi.example.com", "pv1", "n1", true, "<unknown>"), k.row(va, T.NOW));
  }
}
