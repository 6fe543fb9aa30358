package io.kpg.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;

/**
 * Where a watch's events go: a streamed HTTP response (newline-delimited JSON) or a WebSocket (one
 * text message per event), as upstream serves watches. Used on the connection's context.
 */
interface WatchSink {
  /** Sends what opens the stream and calls {@code onClose} when the client goes away. */
  void open(Runnable onClose);

  /** Sends events; each is one JSON event terminated by a newline. */
  void send(List<String> events);

  boolean full();

  void onDrain(Runnable r);

  void end();

  boolean ended();

  final class Http implements WatchSink {
    private final HttpServerResponse resp;

    Http(HttpServerResponse resp) {
      this.resp = resp;
    }

    @Override
    public void open(Runnable onClose) {
      resp.setStatusCode(200);
      resp.setChunked(true);
      resp.putHeader("Content-Type", "application/json");
      resp.putHeader("Cache-Control", "no-cache, private");
      resp.write("");
      resp.closeHandler(x -> onClose.run());
    }

    @Override
    public void send(List<String> events) {
      resp.write(String.join("", events));
    }

    @Override
    public boolean full() {
      return resp.writeQueueFull();
    }

    @Override
    public void onDrain(Runnable r) {
      resp.drainHandler(v -> r.run());
    }

    @Override
    public void end() {
      if (!resp.ended()) {
        resp.end();
      }
    }

    @Override
    public boolean ended() {
      return resp.ended() || resp.closed();
    }
  }

  final class WebSocket implements WatchSink {
    private final ServerWebSocket ws;
    private boolean ended;

    WebSocket(ServerWebSocket ws) {
      this.ws = ws;
    }

    @Override
    public void open(Runnable onClose) {
      ws.closeHandler(
          v -> {
            ended = true;
            onClose.run();
          });
      // clients may send anything (pings, close); watches read nothing from them
      ws.handler(b -> {});
    }

    @Override
    public void send(List<String> events) {
      for (String e : events) {
        String text = e.endsWith("\n") ? e.substring(0, e.length() - 1) : e;
        ws.writeFinalTextFrame(text);
      }
    }

    @Override
    public boolean full() {
      return ws.writeQueueFull();
    }

    @Override
    public void onDrain(Runnable r) {
      ws.drainHandler(v -> r.run());
    }

    @Override
    public void end() {
      if (!ended) {
        ended = true;
        ws.close();
      }
    }

    @Override
    public boolean ended() {
      return ended || ws.isClosed();
    }
  }
}
