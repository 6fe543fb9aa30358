package io.kpg.kinds.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeClassKindTest {
  final RuntimeClassKind k = new RuntimeClassKind();

  @Test
  void handler() {
    assertTrue(k.validate(T.obj("{'handler':'runc'}")).isEmpty());
    assertTrue(
        T.messages(k.validate(T.obj("{}")))
            .startsWith("handler: Invalid value: \"\": a lowercase RFC 1123 label"));
    assertTrue(
        T.messages(k.validate(T.obj("{'handler':'Run_C'}")))
            .startsWith("handler: Invalid value: \"Run_C\""));
    assertEquals(
        "handler: Invalid value: \"crun\": field is immutable",
        T.messages(k.validateUpdate(T.obj("{'handler':'crun'}"), T.obj("{'handler':'runc'}"))));
    assertEquals(
        List.of("gvisor", "runsc", "<unknown>"),
        k.row(T.obj("{'metadata':{'name':'gvisor'},'handler':'runsc'}"), T.NOW));
  }
}
