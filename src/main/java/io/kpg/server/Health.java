package io.kpg.server;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health checks in upstream's format ({@code [+]ping ok} lines with {@code ?verbose}). */
@Singleton
public class Health {
  @Inject AgroalDataSource dataSource;
  @Inject Storage storage;
  @Inject io.kpg.crd.CrdServing crdServing;

  Response report(String name, boolean verbose, boolean readiness) {
    Map<String, Boolean> checks = new LinkedHashMap<>();
    checks.put("ping", true);
    checks.put("log", true);
    checks.put("etcd", database());
    if (readiness) {
      checks.put("informer-sync", storage.cache() != null);
      checks.put("poststarthook/crd-informer-synced", crdServing.synced());
    }
    boolean ok = checks.values().stream().allMatch(b -> b);
    StringBuilder sb = new StringBuilder();
    if (verbose || !ok) {
      checks.forEach(
          (k, v) ->
              sb.append(v ? "[+]" : "[-]")
                  .append(k)
                  .append(v ? " ok" : " failed: reason withheld")
                  .append('\n'));
      sb.append(name).append(ok ? " check passed" : " check failed").append('\n');
    } else {
      sb.append("ok");
    }
    return Response.status(ok ? 200 : 500)
        .entity(sb.toString())
        .type("text/plain; charset=utf-8")
        .build();
  }

  private boolean database() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (Exception e) {
      return false;
    }
  }
}
