package io.kpg.server;

import io.kpg.http.Metrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** /version, the health endpoints and /metrics. */
@Path("/")
public class PublicResource {
  /** The Kubernetes minor kpg implements; also what the kubectl dispatcher keys on. */
  public static final String GIT_VERSION = "v1.33.0";

  @Inject Health health;
  @Inject Metrics metrics;

  @GET
  @Path("version")
  @Produces("application/json")
  public String version() {
    return "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\""
        + GIT_VERSION
        + "\",\"gitCommit\":\"kpg\",\"gitTreeState\":\"clean\",\"buildDate\":\"2026-11-21T00:00:00Z\","
        + "\"goVersion\":\"java"
        + Runtime.version().feature()
        + "\",\"compiler\":\"javac\",\"platform\":\"linux/amd64\"}";
  }

  @GET
  @Path("healthz")
  @Produces("text/plain")
  public Response healthz(@QueryParam("verbose") String verbose) {
    return health.report("healthz", verbose != null, false);
  }

  @GET
  @Path("livez")
  @Produces("text/plain")
  public Response livez(@QueryParam("verbose") String verbose) {
    return health.report("livez", verbose != null, false);
  }

  @GET
  @Path("readyz")
  @Produces("text/plain")
  public Response readyz(@QueryParam("verbose") String verbose) {
    return health.report("readyz", verbose != null, true);
  }

  @GET
  @Path("metrics")
  @Produces("text/plain; version=0.0.4; charset=utf-8")
  public String metrics() {
    return metrics.render();
  }
}
