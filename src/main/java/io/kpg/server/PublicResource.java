package io.kpg.server;

import io.kpg.http.Metrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

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
  public Response healthz(@Context UriInfo uri) {
    return health.report("healthz", verbose(uri), false);
  }

  @GET
  @Path("livez")
  @Produces("text/plain")
  public Response livez(@Context UriInfo uri) {
    return health.report("livez", verbose(uri), false);
  }

  @GET
  @Path("readyz")
  @Produces("text/plain")
  public Response readyz(@Context UriInfo uri) {
    return health.report("readyz", verbose(uri), true);
  }

  /** {@code ?verbose} (with or without a value) asks for the list of checks. */
  private static boolean verbose(UriInfo uri) {
    return uri.getQueryParameters().containsKey("verbose");
  }

  @GET
  @Path("metrics")
  @Produces("text/plain; version=0.0.4; charset=utf-8")
  public String metrics() {
    return metrics.render();
  }
}
