package io.kpg.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RequestInfoTest {
  @Test
  void namespacedObjectsAndSubresources() {
    RequestInfo r =
        RequestInfo.parse("GET", "/apis/apps/v1/namespaces/ns/deployments/web/scale", false);
    assertEquals(
        "get apps v1 ns deployments web scale",
        String.join(
            " ",
            r.verb(),
            r.group(),
            r.version(),
            r.namespace(),
            r.resource(),
            r.name(),
            r.subresource()));
  }

  @Test
  void namespacesThemselves() {
    RequestInfo ns = RequestInfo.parse("GET", "/api/v1/namespaces/foo", false);
    assertEquals("namespaces", ns.resource());
    assertEquals("foo", ns.name());
    assertEquals("", ns.namespace());
    RequestInfo fin = RequestInfo.parse("PUT", "/api/v1/namespaces/foo/finalize", false);
    assertEquals("finalize", fin.subresource());
    assertEquals("update", fin.verb());
  }

  @Test
  void verbsFromMethodAndWatch() {
    assertEquals("list", RequestInfo.parse("GET", "/api/v1/pods", false).verb());
    assertEquals("watch", RequestInfo.parse("GET", "/api/v1/pods", true).verb());
    assertEquals(
        "deletecollection", RequestInfo.parse("DELETE", "/api/v1/namespaces/a/pods", false).verb());
    assertFalse(RequestInfo.parse("GET", "/version", false).resourceRequest());
  }

  @Test
  void segmentsArePercentDecoded() {
    RequestInfo r = RequestInfo.parse("GET", "/api/v1/namespaces/a/configmaps/x%3Ay+z%2", false);
    assertEquals("x:y+z%2", r.name());
  }
}
