package io.qingliu.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end alert latency: the duty page's WebSocket, logged in as an officer, watching for the exceedance alerts
 * the alert bursts open. A burst's third high reading trips k = 3 of n = 5; the time from that reading's intended
 * send time to the {@code "opened"} message for its station is one sample.
 */
final class AlertWatch {

  private final Latencies e2e;
  /** A burst's tripping reading in flight; one sent during the warm-up is matched but not timed, as PUBACKs are. */
  private record Trip(long intendedNanos, boolean timed) {}

  private final ConcurrentHashMap<String, Trip> pending = new ConcurrentHashMap<>();
  final AtomicLong trips = new AtomicLong();
  final AtomicLong matched = new AtomicLong();
  final AtomicLong unmatched = new AtomicLong();
  /** A station tripped again before its previous trip's alert arrived: that one is counted as missing. */
  final AtomicLong superseded = new AtomicLong();
  /** Bursts not timed because one of their high readings was never sent (the window and backlog were full). */
  final AtomicLong notArmed = new AtomicLong();
  private WebSocketClient client;
  private WebSocket socket;

  AlertWatch(Latencies e2e) {
    this.e2e = e2e;
  }

  /** Connects with the officer's cookies; completes once the snapshot arrived, i.e. live alerts will follow. */
  Future<Void> connect(Vertx vertx, String wsUrl, String cookies) {
    client = vertx.createWebSocketClient();
    Promise<Void> ready = Promise.promise();
    WebSocketConnectOptions o = new WebSocketConnectOptions().setAbsoluteURI(wsUrl)
        .setConnectTimeout(TimeUnit.SECONDS.toMillis(10)).setTimeout(TimeUnit.SECONDS.toMillis(15));
    o.addHeader("Cookie", cookies);
    o.setAllowOriginHeader(false);
    client.connect(o).onFailure(ready::tryFail).onSuccess(ws -> {
      socket = ws;
      ws.textMessageHandler(text -> onMessage(text, ready));
      ws.closeHandler(v -> ready.tryFail("the WebSocket closed before its snapshot"));
    });
    vertx.setTimer(TimeUnit.SECONDS.toMillis(20), t -> ready.tryFail("no snapshot on the WebSocket within 20 s"));
    return ready.future();
  }

  private void onMessage(String text, Promise<Void> ready) {
    long now = System.nanoTime();
    if (!text.contains("\"opened\"")) {
      if (text.startsWith("{\"type\":\"snapshot\"") || text.contains("\"snapshot\"")) {
        ready.tryComplete();
      }
      return;
    }
    JsonObject m = new JsonObject(text);
    if (!"alert".equals(m.getString("type")) || !"opened".equals(m.getString("event"))) {
      return;
    }
    JsonObject alert = m.getJsonObject("alert", new JsonObject());
    if (!"exceedance".equals(alert.getString("kind")) || !"nh3n".equals(alert.getString("parameter"))) {
      return;
    }
    Trip sent = pending.remove(String.valueOf(alert.getString("stationId")));
    if (sent == null) {
      unmatched.incrementAndGet();
    } else {
      matched.incrementAndGet();
      if (sent.timed()) {
        e2e.recordNanos(now - sent.intendedNanos());
      }
    }
  }

  /** Called just before the tripping reading is published. */
  void tripped(String stationId, long intendedNanos, boolean timed) {
    trips.incrementAndGet();
    if (pending.put(stationId, new Trip(intendedNanos, timed)) != null) {
      superseded.incrementAndGet();
    }
  }

  int pending() {
    return pending.size();
  }

  Future<Void> close() {
    Future<Void> f = socket == null ? Future.succeededFuture() : socket.close();
    return f.transform(ar -> client == null ? Future.succeededFuture() : client.close());
  }
}
