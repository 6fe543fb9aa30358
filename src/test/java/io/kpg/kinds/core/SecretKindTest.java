package io.kpg.kinds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpg.errors.StatusException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretKindTest {
  final SecretKind k = new SecretKind();

  @Test
  void defaultsAndStringData() {
    ObjectNode s = T.obj("{'data':{'a':'eA=='},'stringData':{'b':'hello','a':'y'}}");
    k.applyDefaults(s);
    assertEquals("Opaque", s.get("type").asText());
    assertFalse(s.has("stringData"));
    assertEquals("aGVsbG8=", s.at("/data/b").asText());
    assertEquals("eQ==", s.at("/data/a").asText());
  }

  @Test
  void base64MustDecode() {
    StatusException e =
        assertThrows(StatusException.class, () -> k.applyDefaults(T.obj("{'data':{'a':'ab!d'}}")));
    assertEquals(400, e.code());
    assertEquals(
        "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 2",
        e.getMessage());
    assertEquals(0, SecretKind.goBase64ErrorAt("abc"));
    assertEquals(-1, SecretKind.goBase64ErrorAt("YWJj"));
    assertEquals(-1, SecretKind.goBase64ErrorAt("YQ=="));
    assertEquals(4, SecretKind.goBase64ErrorAt("YQ==x"));
  }

  @Test
  void typeRules() {
    assertEquals(
        "data[tls.crt]: Required value\ndata[tls.key]: Required value",
        T.messages(k.validate(T.obj("{'type':'kubernetes.io/tls','data':{}}"))));
    assertEquals(
        "metadata.annotations[kubernetes.io/service-account.name]: Required value",
        T.messages(k.validate(T.obj("{'type':'kubernetes.io/service-account-token'}"))));
    assertEquals(
        "data[.dockerconfigjson]: Required value",
        T.messages(k.validate(T.obj("{'type':'kubernetes.io/dockerconfigjson','data':{}}"))));
    // "[]" base64 = W10=
    assertEquals(
        "data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": json: cannot unmarshal array into Go value of type map[string]interface {}",
        T.messages(
            k.validate(
                T.obj(
                    "{'type':'kubernetes.io/dockerconfigjson','data':{'.dockerconfigjson':'W10='}}"))));
    assertTrue(
        k.validate(
                T.obj(
                    "{'type':'kubernetes.io/dockerconfigjson','data':{'.dockerconfigjson':'e30='}}"))
            .isEmpty());
  }

  @Test
  void typeAndImmutable() {
    ObjectNode old = T.obj("{'type':'Opaque','immutable':true,'data':{'a':'eA=='}}");
    String m =
        T.messages(
            k.validateUpdate(
                T.obj("{'type':'kubernetes.io/basic-auth','immutable':true,'data':{'a':'eQ=='}}"),
                old));
    assertTrue(
        m.contains("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable"), m);
    assertTrue(m.contains("data: Forbidden: field is immutable when `immutable` is set"), m);
  }

  @Test
  void rowAndSelector() {
    ObjectNode s =
        T.obj(
            "{'metadata':{'name':'s','creationTimestamp':'2024-01-01T00:00:00Z'},'type':'Opaque','data':{'a':'eA==','b':'eA=='}}");
    assertEquals(List.of("s", "Opaque", 2L, "60m"), k.row(s, T.NOW));
    assertEquals("Opaque", k.fieldSelectors().get("type").apply(s));
  }
}
