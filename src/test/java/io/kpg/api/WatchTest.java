package io.kpg.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.it.Api;
import io.kpg.it.KpgTestResource;
import io.kpg.json.Json;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Watch semantics: rv unset/N, selector transitions, initial events, Tables, WebSocket. */
@QuarkusTest
class WatchTest {
  static Api api;

  @BeforeAll
  static void client() {
    api = new Api(KpgTestResource.dataDir.resolve("admin.kubeconfig"));
  }

  static String ns(String name) {
    Api.Resp r = api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}");
    assertEquals(201, r.code(), r.body());
    return "/api/v1/namespaces/" + name + "/configmaps";
  }

  static List<JsonNode> read(InputStream in, int n) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<JsonNode> out = new ArrayList<>();
    while (out.size() < n) {
      String line = r.readLine();
      if (line == null) {
        break;
      }
      out.add(Json.MAPPER.readTree(line));
    }
    return out;
  }

  static String summary(List<JsonNode> evs) {
    List<String> s = new ArrayList<>();
    for (JsonNode e : evs) {
      s.add(e.path("type").asText() + " " + e.at("/object/metadata/name").asText());
    }
    return String.join(", ", s);
  }

  @Test
  void unsetRvSendsStateThenChanges() throws Exception {
    String cm = ns("watch-unset");
    assertEquals(201, api.post(cm, "{\"metadata\":{\"name\":\"before\"}}").code());
    InputStream in = api.stream(cm + "?watch=1&fieldSelector=metadata.name!%3Dkube-root-ca.crt");
    List<JsonNode> first = read(in, 1);
    assertEquals("ADDED before", summary(first));
    assertEquals(201, api.post(cm, "{\"metadata\":{\"name\":\"after\"}}").code());
    assertEquals(
        200,
        api.patch(cm + "/after", "application/merge-patch+json", "{\"data\":{\"a\":\"b\"}}")
            .code());
    assertEquals(200, api.delete(cm + "/after", null).code());
    assertEquals("ADDED after, MODIFIED after, DELETED after", summary(read(in, 3)));
    in.close();
  }

  @Test
  void selectorTransitionsAddAndDelete() throws Exception {
    String cm = ns("watch-sel");
    long rv = Long.parseLong(api.get(cm).json().at("/metadata/resourceVersion").asText());
    InputStream in = api.stream(cm + "?watch=1&labelSelector=color%3Dred&resourceVersion=" + rv);
    assertEquals(
        201,
        api.post(cm, "{\"metadata\":{\"name\":\"c\",\"labels\":{\"color\":\"blue\"}}}").code());
    assertEquals(
        200,
        api.patch(
                cm + "/c",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"color\":\"red\"}}}")
            .code());
    assertEquals(
        200,
        api.patch(cm + "/c", "application/merge-patch+json", "{\"data\":{\"x\":\"1\"}}").code());
    assertEquals(
        200,
        api.patch(
                cm + "/c",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"color\":\"green\"}}}")
            .code());
    List<JsonNode> evs = read(in, 3);
    assertEquals("ADDED c, MODIFIED c, DELETED c", summary(evs));
    in.close();
  }

  @Test
  void sendInitialEventsEndsWithBookmark() throws Exception {
    String cm = ns("watch-initial");
    assertEquals(201, api.post(cm, "{\"metadata\":{\"name\":\"one\"}}").code());
    InputStream in =
        api.stream(
            cm
                + "?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan"
                + "&allowWatchBookmarks=true&fieldSelector=metadata.name%3Done");
    List<JsonNode> evs = read(in, 2);
    assertEquals("ADDED", evs.get(0).path("type").asText());
    assertEquals("BOOKMARK", evs.get(1).path("type").asText());
    assertEquals(
        "true", evs.get(1).at("/object/metadata/annotations/k8s.io~1initial-events-end").asText());
    in.close();
  }

  @Test
  void tooOldRvIsAnInStreamExpired() throws Exception {
    String cm = ns("watch-old");
    // below the compacted rv: 410 in the stream; above it but before this replica's window:
    // replayed from the change log
    InputStream in =
        api.stream(cm + "?watch=1&resourceVersion=" + (KpgTestResource.COMPACTED_RV - 10));
    List<JsonNode> evs = read(in, 1);
    assertEquals("ERROR", evs.get(0).path("type").asText());
    assertEquals(410, evs.get(0).at("/object/code").asInt());
    assertEquals("Expired", evs.get(0).at("/object/reason").asText());
    assertEquals("v1", evs.get(0).at("/object/apiVersion").asText());
    in.close();
    InputStream ok =
        api.stream(
            cm
                + "?watch=1&resourceVersion="
                + (KpgTestResource.COMPACTED_RV + 10)
                + "&fieldSelector=metadata.name%3Dfresh");
    assertEquals(201, api.post(cm, "{\"metadata\":{\"name\":\"fresh\"}}").code());
    assertEquals("ADDED fresh", summary(read(ok, 1)));
    ok.close();
  }

  @Test
  void timeoutSecondsEndsTheStream() throws Exception {
    String cm = ns("watch-timeout");
    long start = System.nanoTime();
    InputStream in =
        api.stream(
            cm
                + "?watch=1&labelSelector=none&timeoutSeconds=1&resourceVersion="
                + api.get(cm).json().at("/metadata/resourceVersion").asText());
    assertEquals(-1, in.read());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
  }

  @Test
  void tableWatchHasColumnsOnce() throws Exception {
    String cm = ns("watch-table");
    assertEquals(
        201, api.post(cm, "{\"metadata\":{\"name\":\"t1\"},\"data\":{\"a\":\"b\"}}").code());
    var req =
        java.net.http.HttpRequest.newBuilder(URI.create(api.base + cm + "?watch=1"))
            .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
            .build();
    InputStream in =
        api.http.send(req, java.net.http.HttpResponse.BodyHandlers.ofInputStream()).body();
    List<JsonNode> evs = read(in, 2);
    assertEquals("Table", evs.get(0).at("/object/kind").asText());
    assertEquals("Name", evs.get(0).at("/object/columnDefinitions/0/name").asText());
    assertEquals(0, evs.get(1).at("/object/columnDefinitions").size());
    in.close();
  }

  @Test
  void webSocketWatch() throws Exception {
    String cm = ns("watch-ws");
    long rv = Long.parseLong(api.get(cm).json().at("/metadata/resourceVersion").asText());
    LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
    WebSocket ws =
        api.http
            .newWebSocketBuilder()
            .buildAsync(
                URI.create(
                    api.base.replace("https:", "wss:")
                        + cm
                        + "?watch=1&fieldSelector=metadata.name%3Dws1&resourceVersion="
                        + rv),
                new WebSocket.Listener() {
                  StringBuilder buf = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    buf.append(data);
                    if (last) {
                      got.add(buf.toString());
                      buf = new StringBuilder();
                    }
                    w.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    assertEquals(201, api.post(cm, "{\"metadata\":{\"name\":\"ws1\"}}").code());
    String msg = got.poll(10, TimeUnit.SECONDS);
    JsonNode ev = Json.MAPPER.readTree(msg);
    assertEquals("ADDED", ev.path("type").asText());
    assertEquals("ws1", ev.at("/object/metadata/name").asText());
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
  }
}
