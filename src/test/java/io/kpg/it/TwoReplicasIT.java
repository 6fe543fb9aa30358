package io.kpg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpg.json.Json;
import io.kpg.server.KpgMain;
import io.kpg.server.bootstrap.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two kpg processes on one database, writers on both, watchers on both: every change is delivered
 * exactly once, in strictly increasing resourceVersion order, on each replica, and resuming from
 * any rv seen replays exactly the rest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {
  static EmbeddedPostgres pg;
  static KpgProcess a;
  static KpgProcess b;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Path.of("target", "e2e-replicas").toAbsolutePath();
    KubectlUserStoryIT.deleteTree(dir);
    pg = EmbeddedPostgres.start(KpgMain.Bootstrap.postgresDir(dir));
    try (Connection c = pg.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE shared");
    }
    String url =
        "postgresql://"
            + pg.user()
            + ":"
            + URLEncoder.encode(pg.password(), StandardCharsets.UTF_8)
            + "@127.0.0.1:"
            + pg.port()
            + "/shared";
    a =
        new KpgProcess(
            dir.resolve("a"), KpgTestResource.freePort(), Map.of("KPG_DATABASE_URL", url));
    a.awaitReady(Duration.ofSeconds(120));
    b =
        new KpgProcess(
            dir.resolve("b"), KpgTestResource.freePort(), Map.of("KPG_DATABASE_URL", url));
    b.awaitReady(Duration.ofSeconds(120));
  }

  @AfterAll
  static void stop() throws Exception {
    for (KpgProcess p : new KpgProcess[] {a, b}) {
      if (p != null) {
        p.close();
      }
    }
    if (pg != null) {
      pg.stop();
    }
  }

  record Event(String type, long rv, String name) {}

  static List<Event> read(InputStream in, int count) throws Exception {
    List<Event> out = new ArrayList<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    while (out.size() < count) {
      String line = r.readLine();
      if (line == null) {
        break;
      }
      JsonNode ev = Json.MAPPER.readTree(line);
      out.add(
          new Event(
              ev.path("type").asText(),
              Long.parseLong(ev.at("/object/metadata/resourceVersion").asText()),
              ev.at("/object/metadata/name").asText()));
    }
    return out;
  }

  @Test
  @Order(1)
  void exactlyOnceInOrderAcrossReplicas() throws Exception {
    // the kubeconfig written by one replica works against the other (shared CA in the database)
    Api apiA = new Api(a.kubeconfig());
    String baseB = "https://127.0.0.1:" + b.port;
    JsonNode kcA = Json.MAPPER.readTree(java.nio.file.Files.readString(a.kubeconfig()));
    Api apiB =
        new Api(
            baseB,
            java.util.Base64.getDecoder()
                .decode(kcA.at("/clusters/0/cluster/certificate-authority-data").asText()),
            java.util.Base64.getDecoder()
                .decode(kcA.at("/users/0/user/client-certificate-data").asText()),
            java.util.Base64.getDecoder().decode(kcA.at("/users/0/user/client-key-data").asText()));
    assertEquals(200, apiB.get("/api/v1/namespaces/default").code());
    assertEquals(201, apiA.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"race\"}}").code());

    String list = "/api/v1/namespaces/race/configmaps";
    long rv0 = Long.parseLong(apiA.get(list).json().at("/metadata/resourceVersion").asText());
    // the namespace's own kube-root-ca.crt is left out by the selector
    String sel = "&labelSelector=test%3Drace";
    InputStream watchA = apiA.stream(list + "?watch=1&resourceVersion=" + rv0 + sel);
    InputStream watchB = apiB.stream(list + "?watch=1&resourceVersion=" + rv0 + sel);

    int writers = 4;
    int perWriter = 40;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      Api api = w % 2 == 0 ? apiA : apiB;
      int id = w;
      fs.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perWriter; i++) {
                  String name = "w" + id + "-" + i;
                  Api.Resp c =
                      api.post(
                          list,
                          "{\"metadata\":{\"name\":\""
                              + name
                              + "\",\"labels\":{\"test\":\"race\"}},\"data\":{\"v\":\"0\"}}");
                  assertEquals(201, c.code(), c.body());
                  Api.Resp p =
                      api.patch(
                          list + "/" + name,
                          "application/merge-patch+json",
                          "{\"data\":{\"v\":\"1\"}}");
                  assertEquals(200, p.code(), p.body());
                }
                return null;
              }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    int total = writers * perWriter * 2;

    List<Event> seenA = read(watchA, total);
    List<Event> seenB = read(watchB, total);
    watchA.close();
    watchB.close();
    assertEquals(total, seenA.size());
    assertEquals(seenA, seenB, "both replicas deliver the same sequence");
    long last = rv0;
    for (Event e : seenA) {
      assertTrue(e.rv() > last, "rv order: " + e + " after " + last);
      last = e.rv();
    }
    assertEquals(writers * perWriter, seenA.stream().filter(e -> e.type().equals("ADDED")).count());
    assertEquals(
        writers * perWriter, seenA.stream().filter(e -> e.type().equals("MODIFIED")).count());
    assertEquals(writers * perWriter, seenA.stream().map(Event::name).distinct().count());

    // resuming from any rv seen replays exactly the rest, on either replica
    for (int i = 0; i < total; i += 53) {
      Api api = i % 2 == 0 ? apiB : apiA;
      InputStream resume = api.stream(list + "?watch=1&resourceVersion=" + seenA.get(i).rv() + sel);
      List<Event> rest = read(resume, total - i - 1);
      resume.close();
      assertEquals(seenA.subList(i + 1, total), rest, "replay from " + seenA.get(i).rv());
    }
  }

  /** Kill -9 the replica running the controllers: the other takes the Lease over and carries on. */
  /** A client of replica {@code r} with the kubeconfig credentials another replica wrote. */
  static Api clientOf(KpgProcess r, KpgProcess credentials) throws Exception {
    JsonNode kc = Json.MAPPER.readTree(java.nio.file.Files.readString(credentials.kubeconfig()));
    java.util.Base64.Decoder d = java.util.Base64.getDecoder();
    return new Api(
        "https://127.0.0.1:" + r.port,
        d.decode(kc.at("/clusters/0/cluster/certificate-authority-data").asText()),
        d.decode(kc.at("/users/0/user/client-certificate-data").asText()),
        d.decode(kc.at("/users/0/user/client-key-data").asText()));
  }

  static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  static String gadgetCrd(String colors) {
    return "{\"metadata\":{\"name\":\"gadgets.replicas.example.com\"},\"spec\":{"
        + "\"group\":\"replicas.example.com\",\"scope\":\"Namespaced\","
        + "\"names\":{\"plural\":\"gadgets\",\"kind\":\"Gadget\"},"
        + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":"
        + "{\"openAPIV3Schema\":{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
        + "\"properties\":{\"color\":{\"type\":\"string\",\"enum\":["
        + colors
        + "]}}}}}}}]}}";
  }

  static long awaitMillis(long startNanos, java.util.function.BooleanSupplier cond)
      throws InterruptedException {
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() - startNanos > 10_000_000_000L) {
        throw new AssertionError("not within 10 s");
      }
      Thread.sleep(10);
    }
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /**
   * A CRD created on one replica is served by the other within a second; a schema change and the
   * deletion take effect there as quickly.
   */
  @Test
  @Order(2)
  void customResourceDefinitionsReachEveryReplica() throws Exception {
    Api apiA = new Api(a.kubeconfig());
    Api apiB = clientOf(b, a);
    String widgets = "/apis/replicas.example.com/v1/namespaces/default/gadgets";
    long t0 = System.nanoTime();
    assertEquals(201, apiA.post(CRDS, gadgetCrd("\"red\"")).code());
    long served =
        awaitMillis(
            t0,
            () ->
                apiB.post(
                            widgets,
                            "{\"apiVersion\":\"replicas.example.com/v1\",\"kind\":\"Gadget\","
                                + "\"metadata\":{\"name\":\"g1\"},\"spec\":{\"color\":\"red\"}}")
                        .code()
                    == 201);
    assertTrue(served < 1000, "served by the other replica after " + served + " ms");
    assertTrue(apiB.get("/apis/replicas.example.com/v1").body().contains("\"gadgets\""));

    String blue =
        "{\"apiVersion\":\"replicas.example.com/v1\",\"kind\":\"Gadget\","
            + "\"metadata\":{\"name\":\"g2\"},\"spec\":{\"color\":\"blue\"}}";
    assertEquals(422, apiA.post(widgets, blue).code());
    JsonNode crd = apiB.get(CRDS + "/gadgets.replicas.example.com").json();
    long t1 = System.nanoTime();
    Api.Resp upd =
        apiB.put(
            CRDS + "/gadgets.replicas.example.com",
            gadgetCrd("\"red\",\"blue\"")
                .replace(
                    "{\"name\":\"gadgets.replicas.example.com\"}",
                    "{\"name\":\"gadgets.replicas.example.com\",\"resourceVersion\":\""
                        + crd.at("/metadata/resourceVersion").asText()
                        + "\"}"));
    assertEquals(200, upd.code(), upd.body());
    long updated = awaitMillis(t1, () -> apiA.post(widgets, blue).code() == 201);
    assertTrue(updated < 1000, "schema change seen by the other replica after " + updated + " ms");

    long t2 = System.nanoTime();
    assertEquals(200, apiB.delete(CRDS + "/gadgets.replicas.example.com", null).code());
    long gone = awaitMillis(t2, () -> apiA.get("/apis/replicas.example.com/v1").code() == 404);
    assertTrue(gone < 10_000);
    System.out.printf(
        "CRD on the other replica: served after %d ms, schema change after %d ms, API gone after"
            + " %d ms%n",
        served, updated, gone);
    assertEquals(404, apiA.get(widgets).code());
  }

  @Test
  @Order(3)
  void controllersFailOverWhenTheLeaderDies() throws Exception {
    KpgProcess leader =
        java.nio.file.Files.readString(a.log).contains("became the controller leader") ? a : b;
    KpgProcess survivor = leader == a ? b : a;
    Api api = new Api(survivor.dataDir.resolve("admin.kubeconfig"));
    String lease =
        "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kpg-controller-manager";
    String holder = api.get(lease).json().at("/spec/holderIdentity").asText();
    long killedAt = System.nanoTime();
    leader.kill();
    long deadline = System.currentTimeMillis() + 30_000;
    String now = holder;
    while (now.equals(holder) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      now = api.get(lease).json().at("/spec/holderIdentity").asText();
    }
    double seconds = (System.nanoTime() - killedAt) / 1e9;
    assertTrue(!now.equals(holder), "no takeover within 30 s");
    System.out.printf("controller takeover after leader kill: %.1f s%n", seconds);
    assertTrue(seconds < 20, "takeover took " + seconds + " s");
    // the new leader's controllers work: a new namespace gets its default ServiceAccount
    assertEquals(
        201, api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"after-failover\"}}").code());
    long until = System.currentTimeMillis() + 20_000;
    int code = 0;
    while (System.currentTimeMillis() < until
        && (code = api.get("/api/v1/namespaces/after-failover/serviceaccounts/default").code())
            != 200) {
      Thread.sleep(200);
    }
    assertEquals(200, code);
  }
}
