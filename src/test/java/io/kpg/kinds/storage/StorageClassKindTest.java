package io.kpg.kinds.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpg.kinds.core.T;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageClassKindTest {
  final StorageClassKind k = new StorageClassKind();

  @Test
  void defaultsValidationRow() {
    var sc =
        T.obj(
            "{'metadata':{'name':'std','annotations':{'storageclass.kubernetes.io/is-default-class':'true'},'creationTimestamp':'2024-01-01T00:00:00Z'},'provisioner':'rancher.io/local-path'}");
    k.applyDefaults(sc);
    assertEquals("Delete", sc.get("reclaimPolicy").asText());
    assertEquals("Immediate", sc.get("volumeBindingMode").asText());
    assertTrue(k.validate(sc).isEmpty(), T.messages(k.validate(sc)));
    var noProv = T.obj("{}");
    k.applyDefaults(noProv);
    assertEquals("provisioner: Required value", T.messages(k.validate(noProv)));
    var upd = sc.deepCopy().put("provisioner", "other.io/x");
    assertTrue(
        T.messages(k.validateUpdate(upd, sc))
            .contains("provisioner: Forbidden: updates to provisioner are forbidden."));
    assertEquals(
        List.of("std (default)", "rancher.io/local-path", "Delete", "Immediate", false, "60m"),
        k.row(sc, T.NOW));
    assertEquals(List.of("sc"), k.shortNames());
  }
}
