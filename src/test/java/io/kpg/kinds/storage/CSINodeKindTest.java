package io.kpg.kinds.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class CSINodeKindTest {
  final CSINodeKind k = new CSINodeKind();

  @Test
  void validationAndRow() {
    assertEquals(
        "spec.drivers[0].nodeID: Required value",
        T.messages(k.validate(T.obj("{'spec':{'drivers':[{'name':'csi.example.com'}]}}"))));
    assertEquals(
        List.of("n1", 1L, "<unknown>"),
        k.row(T.obj("{'metadata':{'name':'n1'},'spec':{'drivers':[{}]}}"), T.NOW));
  }
}
