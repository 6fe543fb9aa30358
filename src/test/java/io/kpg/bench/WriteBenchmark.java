package io.kpg.bench;

import io.kpg.it.Api;
import io.kpg.it.KpgProcess;
import io.kpg.it.KpgTestResource;
import io.kpg.server.KpgMain;
import io.kpg.server.bootstrap.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A rerunnable benchmark (not part of the test suite): kpg against the raw PostgreSQL baseline on
 * the same PostgreSQL server, in one run. Run after packaging:
 *
 * <pre>
 * ./mvnw -q package -DskipTests && ./mvnw -o failsafe:integration-test -Dit.test=WriteBenchmark
 * </pre>
 *
 * Results go to stdout and target/benchmark.txt.
 */
class WriteBenchmark {
  static final int CLIENTS = Integer.getInteger("bench.clients", 16);
  static final int SECONDS = Integer.getInteger("bench.seconds", 10);
  static final String DATA = "x".repeat(1200);

  static String configMap(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\",\"labels\":{\"app\":\"bench\",\"tier\":\"web\"}},\"data\":{\"payload\":\""
        + DATA
        + "\"}}";
  }

  interface Op {
    void run(int client, int i) throws Exception;
  }

  /** Runs op from CLIENTS threads for SECONDS; returns ops/s and latency percentiles. */
  static String measure(String what, Op op, List<String> out) throws Exception {
    return measure(what, op, out, SECONDS);
  }

  static String measure(String what, Op op, List<String> out, int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    AtomicInteger count = new AtomicInteger();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Future<long[]>> fs = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      fs.add(
          pool.submit(
              () -> {
                long[] lat = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < lat.length) {
                  long t = System.nanoTime();
                  op.run(client, n);
                  lat[n++] = System.nanoTime() - t;
                  count.incrementAndGet();
                }
                return Arrays.copyOf(lat, n);
              }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<long[]> f : fs) {
      for (long l : f.get()) {
        all.add(l);
      }
    }
    pool.shutdown();
    all.sort(null);
    double rate = count.get() / (double) seconds;
    String line =
        String.format(
            "%-34s %9.0f ops/s   p50 %6.2f ms   p99 %6.2f ms",
            what, rate, all.get(all.size() / 2) / 1e6, all.get((int) (all.size() * 0.99)) / 1e6);
    System.out.println(line);
    out.add(line);
    return String.valueOf(rate);
  }

  /** Runs op from CLIENTS threads for 20 s to warm up (JIT) the server; no result. */
  static void warmUp(Op op) throws Exception {
    measure("warm-up (not a result)", op, new ArrayList<>(), 20);
  }

  static void created(Api.Resp r) {
    if (r.code() != 201) {
      throw new IllegalStateException(r.code() + " " + r.body());
    }
  }

  @Test
  void run() throws Exception {
    Path dir = Path.of("target", "bench").toAbsolutePath();
    BenchCrd kind = new BenchCrd();
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            "kpg benchmark: %d concurrent clients, %d s per measurement, ConfigMaps of %d bytes,"
                + " custom resources of %d bytes (50 spec fields, 10 CEL rules), one PostgreSQL"
                + " server for both",
            CLIENTS, SECONDS, configMap("c0-0").length(), kind.resource("c0-0").length()));
    EmbeddedPostgres pg = EmbeddedPostgres.start(KpgMain.Bootstrap.postgresDir(dir));
    try {
      try (Connection c = pg.connect();
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS bench_raw WITH (FORCE)");
        st.execute("DROP DATABASE IF EXISTS bench_kpg WITH (FORCE)");
        st.execute("CREATE DATABASE bench_raw");
        st.execute("CREATE DATABASE bench_kpg");
      }
      // baseline: one INSERT per transaction (text document + jsonb labels), as the store writes
      String rawUrl = pg.jdbcUrl("bench_raw");
      try (Connection c = DriverManager.getConnection(rawUrl, pg.user(), pg.password());
          Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE objects (ns text, name text, labels jsonb, data text, PRIMARY KEY (ns, name))");
      }
      Connection[] conns = new Connection[CLIENTS];
      for (int i = 0; i < CLIENTS; i++) {
        conns[i] = DriverManager.getConnection(rawUrl, pg.user(), pg.password());
      }
      double raw =
          Double.parseDouble(
              measure(
                  "raw PostgreSQL INSERT (autocommit)",
                  (c, i) -> {
                    try (PreparedStatement ps =
                        conns[c].prepareStatement(
                            "INSERT INTO objects VALUES (?, ?, ?::jsonb, ?)")) {
                      ps.setString(1, "bench");
                      ps.setString(2, "c" + c + "-" + i);
                      ps.setString(3, "{\"app\":\"bench\",\"tier\":\"web\"}");
                      ps.setString(4, configMap("c" + c + "-" + i));
                      ps.executeUpdate();
                    }
                  },
                  out));
      double rawRead =
          Double.parseDouble(
              measure(
                  "raw PostgreSQL SELECT by key",
                  (c, i) -> {
                    try (PreparedStatement ps =
                        conns[c].prepareStatement(
                            "SELECT data FROM objects WHERE ns = ? AND name = ?")) {
                      ps.setString(1, "bench");
                      ps.setString(2, "c" + c + "-" + (i % 100));
                      ps.executeQuery().close();
                    }
                  },
                  out));
      for (Connection c : conns) {
        c.close();
      }

      String url =
          "postgresql://"
              + pg.user()
              + ":"
              + URLEncoder.encode(pg.password(), StandardCharsets.UTF_8)
              + "@127.0.0.1:"
              + pg.port()
              + "/bench_kpg";
      try (KpgProcess kpg =
          new KpgProcess(
              dir.resolve("kpg"), KpgTestResource.freePort(), Map.of("KPG_DATABASE_URL", url))) {
        kpg.awaitReady(Duration.ofSeconds(120));
        Api api = new Api(kpg.kubeconfig());
        // one connection per client, as separate kubectl/controller processes would have
        Api[] apis = new Api[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
          apis[i] = new Api(kpg.kubeconfig());
        }
        api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"bench\"}}");
        String cms = "/api/v1/namespaces/bench/configmaps";
        // warm up (JIT) with the same operations before measuring
        warmUp(
            (c, i) -> {
              apis[c].post(cms, configMap("warm-" + c + "-" + i));
              apis[c].get(cms + "/warm-" + c + "-" + i);
            });
        // watch latency: a watcher on the same replica, commit to delivery
        double create =
            Double.parseDouble(
                measure(
                    "kpg create ConfigMap (HTTPS)",
                    (c, i) -> created(apis[c].post(cms, configMap("c" + c + "-" + i))),
                    out));
        double get =
            Double.parseDouble(
                measure(
                    "kpg get ConfigMap (HTTPS)",
                    (c, i) -> {
                      Api.Resp r = apis[c].get(cms + "/c" + c + "-" + (i % 100));
                      if (r.code() != 200) {
                        throw new IllegalStateException(r.body());
                      }
                    },
                    out));
        List<Long> lists = new ArrayList<>();
        int listed = 0;
        for (int i = 0; i < 30; i++) {
          long t = System.nanoTime();
          listed = api.get(cms + "?limit=500").json().path("items").size();
          lists.add(System.nanoTime() - t);
        }
        lists.sort(null);
        long total =
            api.get(cms + "?limit=1").json().at("/metadata/remainingItemCount").asLong() + 1;
        out.add(
            String.format(
                "kpg list 500 of %d ConfigMaps (with remainingItemCount): median %.1f ms (%d items)",
                total, lists.get(15) / 1e6, listed));
        var in =
            api.stream(
                cms
                    + "?watch=1&resourceVersion="
                    + api.get(cms + "?limit=1").json().at("/metadata/resourceVersion").asText());
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Long> lat = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          long s = System.nanoTime();
          api.post(cms, configMap("w-" + i));
          r.readLine();
          lat.add(System.nanoTime() - s);
        }
        in.close();
        lat.sort(null);
        out.add(
            String.format(
                "kpg create -> watch event delivered: p50 %.2f ms, p99 %.2f ms (create included)",
                lat.get(100) / 1e6, lat.get(197) / 1e6));

        // validation cost: the same create load on a custom resource of a 50-field schema with
        // 10 CEL rules (bench-crd.yaml), warmed up the same way
        out.add(kind.install(api, "bench", Duration.ofSeconds(60)));
        String crs = BenchCrd.collection("bench");
        // the rules are enforced: replicas above maxReplicas passes the schema, fails a CEL rule
        Api.Resp refused =
            api.post(crs, kind.resource("refused").replace("\"replicas\":3", "\"replicas\":20"));
        if (refused.code() != 422 || !refused.body().contains("replicas must lie within")) {
          throw new IllegalStateException("CEL rule not enforced: " + refused.body());
        }
        warmUp(
            (c, i) -> {
              apis[c].post(crs, kind.resource("warm-" + c + "-" + i));
              apis[c].get(crs + "/warm-" + c + "-" + i);
            });
        double crCreate =
            Double.parseDouble(
                measure(
                    "kpg create custom resource (HTTPS)",
                    (c, i) -> created(apis[c].post(crs, kind.resource("c" + c + "-" + i))),
                    out));
        out.add(String.format("ratio kpg create / raw INSERT throughput: %.2f", create / raw));
        out.add(String.format("ratio kpg get / raw SELECT throughput: %.2f", get / rawRead));
        out.add(
            String.format(
                "ratio kpg create custom resource / raw INSERT throughput: %.2f", crCreate / raw));
        out.add(
            String.format(
                "ratio kpg create custom resource / create ConfigMap throughput: %.2f",
                crCreate / create));
      }
    } finally {
      pg.stop();
    }
    out.forEach(System.out::println);
    Files.write(Path.of("target", "benchmark.txt"), out);
  }
}
