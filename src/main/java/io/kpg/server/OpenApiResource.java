package io.kpg.server;

import io.kpg.openapi.OpenApiDocuments;
import io.kpg.registry.KindCatalog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * OpenAPI v3 (index + one document per group-version, cached by content hash) and v2 (JSON, or
 * gnostic protobuf for kubectl 1.27/1.28), with ETags.
 */
@Path("/openapi")
@Singleton
public class OpenApiResource {
  static final String PROTO_V2 = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

  @Inject KindCatalog catalog;

  private record Built(long generation, OpenApiDocuments docs) {}

  private volatile Built built;

  /** The documents of the kinds served now (rebuilt after the catalog changes). */
  OpenApiDocuments docs() {
    Built b = built;
    long gen = catalog.generation();
    if (b == null || b.generation() != gen) {
      b = new Built(gen, OpenApiDocuments.build(catalog.all(), PublicResource.GIT_VERSION));
      built = b;
    }
    return b.docs();
  }

  @GET
  @Path("v3")
  public Response index() {
    return Response.ok(docs().index().bytes(), "application/json").build();
  }

  @GET
  @Path("v3/{path: .+}")
  public Response groupVersion(
      @PathParam("path") String path,
      @QueryParam("hash") String hash,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    OpenApiDocuments.Document d = docs().groupVersion(path);
    if (d == null) {
      throw new NotFoundException();
    }
    if (hash != null && !hash.isEmpty() && !hash.equals(d.hash())) {
      return Response.status(301)
          .location(URI.create("/openapi/v3/" + path + "?hash=" + d.hash()))
          .header("Cache-Control", "no-cache, private")
          .build();
    }
    if (d.etag().equals(ifNoneMatch)) {
      return Response.notModified().header("ETag", d.etag()).build();
    }
    Response.ResponseBuilder r =
        Response.ok(d.bytes(), "application/json").header("ETag", d.etag());
    if (hash != null && !hash.isEmpty()) {
      r.header("Cache-Control", "public, immutable")
          .header(
              "Expires",
              java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusYears(1)));
    } else {
      r.header("Cache-Control", "no-cache, private");
    }
    return r.build();
  }

  @GET
  @Path("v2")
  public Response v2(
      @HeaderParam("Accept") String accept, @HeaderParam("If-None-Match") String ifNoneMatch) {
    String etag = docs().v2ETag();
    if (etag.equals(ifNoneMatch)) {
      return Response.notModified().header("ETag", etag).build();
    }
    boolean proto = accept != null && accept.contains("com.github.proto-openapi.spec.v2");
    if (proto) {
      return Response.ok(docs().v2Protobuf(), PROTO_V2)
          .header("ETag", etag)
          .header("Vary", "Accept")
          .build();
    }
    return Response.ok(docs().v2Json().bytes(), "application/json")
        .header("ETag", etag)
        .header("Vary", "Accept")
        .build();
  }
}
