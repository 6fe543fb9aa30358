package io.kpg.server;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Unknown paths answer with a Kubernetes Status, as kube-apiserver does. */
@Provider
public class NotFoundMapper implements ExceptionMapper<NotFoundException> {
  @Override
  public Response toResponse(NotFoundException e) {
    return Response.status(404)
        .type("application/json")
        .entity(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"the server could not find the requested resource\","
                + "\"reason\":\"NotFound\",\"details\":{},\"code\":404}")
        .build();
  }
}
