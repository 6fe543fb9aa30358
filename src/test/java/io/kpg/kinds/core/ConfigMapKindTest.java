package io.kpg.kinds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigMapKindTest {
  final ConfigMapKind k = new ConfigMapKind();

  @Test
  void keys() {
    assertTrue(k.validate(T.obj("{'data':{'a.b-c_D':'x'}}")).isEmpty());
    String m = T.messages(k.validate(T.obj("{'data':{'a b':'x','..x':'y'}}")));
    assertTrue(
        m.contains(
            "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"),
        m);
    assertTrue(m.contains("data[..x]: Invalid value: \"..x\": must not start with '..'"), m);
    assertTrue(
        T.messages(k.validate(T.obj("{'data':{'k':'x'},'binaryData':{'k':'eA=='}}")))
            .contains("data[k]: Invalid value: \"k\": duplicate of key present in binaryData"));
  }

  @Test
  void size() {
    ObjectNode cm = T.obj("{}");
    cm.putObject("data").put("big", "x".repeat(1024 * 1024 + 1));
    assertEquals(": Too long: may not be more than 1048576 bytes", T.messages(k.validate(cm)));
  }

  @Test
  void immutable() {
    ObjectNode old = T.obj("{'immutable':true,'data':{'a':'1'}}");
    ObjectNode upd = T.obj("{'immutable':true,'data':{'a':'2'}}");
    assertEquals(
        "data: Forbidden: field is immutable when `immutable` is set",
        T.messages(k.validateUpdate(upd, old)));
    ObjectNode unset = T.obj("{'data':{'a':'1'}}");
    assertEquals(
        "immutable: Forbidden: field is immutable when `immutable` is set",
        T.messages(k.validateUpdate(unset, old)));
    assertTrue(
        k.validateUpdate(T.obj("{'data':{'a':'2'}}"), T.obj("{'data':{'a':'1'}}")).isEmpty());
  }

  @Test
  void row() {
    ObjectNode cm =
        T.obj(
            "{'metadata':{'name':'c','creationTimestamp':'2024-01-01T00:59:00Z'},'data':{'a':'1'},'binaryData':{'b':'eA=='}}");
    assertEquals(List.of("c", 2L, "60s"), k.row(cm, T.NOW));
    assertEquals(List.of("cm"), k.shortNames());
  }
}
