package io.kpg.http;

import io.kpg.auth.UserInfo;
import io.kpg.errors.Errors;
import io.kpg.errors.StatusException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The front door: authentication for every request, then /api and /apis to the {@link ApiHandler}
 * on worker threads, with a 3 MiB body limit and every failure answered as a Status.
 */
@Singleton
public class ApiRoutes {
  private static final Logger LOG = Logger.getLogger(ApiRoutes.class);
  static final long MAX_BODY = 3L * 1024 * 1024;

  @Inject ApiHandler api;
  @Inject WatchService watches;

  void init(@Observes Router router) {
    router.route().order(-300).handler(this::authenticate);
    router.routeWithRegex("^/apis?(/.*)?$").order(-250).handler(this::webSocketWatch);
    router
        .routeWithRegex("^/apis?(/.*)?$")
        .order(-200)
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .blockingHandler(api::handle, false)
        .failureHandler(this::failure);
  }

  /** Watches over WebSocket, as fabric8 and dashboards open them: one text message per event. */
  private void webSocketWatch(RoutingContext rc) {
    if (!"websocket".equalsIgnoreCase(rc.request().getHeader("Upgrade"))) {
      rc.next();
      return;
    }
    rc.request().pause();
    rc.vertx()
        .executeBlocking(() -> api.planWebSocketWatch(rc), false)
        .onSuccess(
            plan ->
                rc.request()
                    .toWebSocket()
                    .onSuccess(
                        ws ->
                            rc.vertx()
                                .executeBlocking(
                                    () -> {
                                      watches.start(plan, new WatchSink.WebSocket(ws));
                                      return null;
                                    },
                                    false))
                    .onFailure(e -> LOG.debugf("websocket upgrade failed: %s", e.toString())))
        .onFailure(
            e -> {
              rc.request().resume();
              Responses.status(
                  rc,
                  e instanceof StatusException se
                      ? se
                      : Errors.internal(e.getClass().getSimpleName()));
            });
  }

  static boolean isPublic(String path) {
    return path.equals("/version")
        || path.startsWith("/healthz")
        || path.startsWith("/livez")
        || path.startsWith("/readyz");
  }

  private void authenticate(RoutingContext rc) {
    UserInfo user = Authn.authenticate(rc.request());
    rc.put(ApiHandler.USER_KEY, user);
    if (user.isAnonymous() && !isPublic(rc.request().path())) {
      Responses.status(rc, Errors.unauthorized());
      return;
    }
    rc.next();
  }

  private void failure(RoutingContext rc) {
    Throwable t = rc.failure();
    StatusException e;
    if (rc.statusCode() == 413) {
      e = Errors.tooLarge();
    } else if (t instanceof StatusException se) {
      e = se;
    } else {
      LOG.error("unexpected failure serving " + rc.request().path(), t);
      e = Errors.internal(t == null ? "request failed" : t.getClass().getSimpleName());
    }
    Responses.status(rc, e);
  }
}
