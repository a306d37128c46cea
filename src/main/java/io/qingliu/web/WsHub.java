package io.qingliu.web;

import io.qingliu.alerts.AlertBus;
import io.qingliu.alerts.AlertChange;
import io.qingliu.shard.StationShards;
import io.qingliu.store.AlertStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket side of the duty page, for the sockets of one event loop. It relays what is published on the
 * {@link AlertBus}; a page that connects gets a snapshot, a page that reconnects with {@code ?since=SEQ} gets the
 * changes it missed from the database and then the live ones, without a gap: live changes that arrive while the
 * snapshot or the replay is being fetched are held and sent after it, skipping what it already covered.
 *
 * <p>Bounded: a socket whose write queue is full (a page that stopped reading) is closed with 1013; it resumes from
 * its last sequence number when it comes back. A page held in "catching up" keeps at most {@link #MAX_HELD}
 * changes; beyond that it is closed the same way.
 */
final class WsHub {

  private static final Logger LOG = LoggerFactory.getLogger(WsHub.class);
  static final int MAX_REPLAY = 1_000;
  static final int MAX_HELD = 1_000;
  private static final short TRY_AGAIN_LATER = 1013;

  private static final class Client {
    final ServerWebSocket socket;
    /** Live changes held while the snapshot or replay is fetched; null once caught up. */
    ArrayDeque<JsonObject> held = new ArrayDeque<>();

    Client(ServerWebSocket socket) {
      this.socket = socket;
    }
  }

  private final Vertx vertx;
  private final AlertStore alerts;
  private final StationShards shards;
  private final AtomicInteger open;
  private final Map<ServerWebSocket, Client> clients = new HashMap<>();

  WsHub(Vertx vertx, AlertStore alerts, StationShards shards, AtomicInteger open) {
    this.vertx = vertx;
    this.alerts = alerts;
    this.shards = shards;
    this.open = open;
  }

  void start() {
    vertx.eventBus().<JsonObject>localConsumer(AlertBus.ALERTS, m -> broadcast(m.body()));
    vertx.eventBus().<JsonObject>localConsumer(AlertBus.STATIONS, m -> broadcast(m.body()));
  }

  void accept(ServerWebSocket socket, Long since) {
    Client c = new Client(socket);
    clients.put(socket, c);
    open.incrementAndGet();
    socket.closeHandler(v -> {
      clients.remove(socket);
      open.decrementAndGet();
    });
    socket.exceptionHandler(e -> LOG.debug("WebSocket error: {}", e.getMessage()));
    socket.textMessageHandler(text -> { });
    Future<Long> caughtUp = since == null ? snapshot(c) : replay(c, since);
    caughtUp.onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("could not bring a page up to date: {}", ar.cause().getMessage());
        socket.close(TRY_AGAIN_LATER, "try again");
        return;
      }
      long covered = ar.result();
      ArrayDeque<JsonObject> held = c.held;
      c.held = null;
      for (JsonObject m : held) {
        Long seq = m.getLong("seq");
        if (seq == null || seq > covered) {
          write(c, m);
        }
      }
    });
  }

  private Future<Long> snapshot(Client c) {
    return alerts.lastSeq().compose(seq -> Future.all(alerts.list("visible", 2_000), shards.statuses())
        .map(all -> {
          List<JsonObject> open = all.resultAt(0);
          JsonArray stations = all.resultAt(1);
          write(c, new JsonObject().put("type", "snapshot").put("seq", seq).put("alerts", new JsonArray(
              new ArrayList<>(open))).put("stations", stations));
          return seq;
        }));
  }

  private Future<Long> replay(Client c, long since) {
    return alerts.changesSince(since, MAX_REPLAY + 1).compose(changes -> {
      if (changes.size() > MAX_REPLAY) {
        return snapshot(c);
      }
      long seq = since;
      for (AlertChange change : changes) {
        write(c, change.toMessage());
        seq = change.seq();
      }
      write(c, new JsonObject().put("type", "resumed").put("seq", seq));
      return Future.succeededFuture(seq);
    });
  }

  private void broadcast(JsonObject message) {
    for (Client c : clients.values()) {
      if (c.held != null) {
        if (c.held.size() >= MAX_HELD) {
          c.socket.close(TRY_AGAIN_LATER, "too far behind");
        } else {
          c.held.add(message);
        }
      } else {
        write(c, message);
      }
    }
  }

  private void write(Client c, JsonObject message) {
    if (c.socket.isClosed()) {
      return;
    }
    if (c.socket.writeQueueFull()) {
      LOG.info("closing a WebSocket that stopped reading");
      c.socket.close(TRY_AGAIN_LATER, "too slow");
      return;
    }
    c.socket.writeTextMessage(message.encode());
  }
}
