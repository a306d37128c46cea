package io.qingliu.loadtest;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.concurrent.TimeUnit;

/**
 * One simulated station's MQTT connection. The lane offers it readings on the timetable; it publishes at once while
 * its in-flight window has room, holds them in a bounded backlog otherwise, and counts what neither could take as
 * missed. A PUBACK frees a slot and sends the next held reading. When the server closes the connection (MQTT 3.1.1's
 * "server busy"), the unacknowledged publishes are sent again after a reconnect, as a station would.
 *
 * <p>Everything runs on the lane's event loop, the one the connection was opened from.
 */
final class StationConnection {

  static final byte RECORD = 1;
  static final byte HIGH = 2;
  static final byte TRIP = 4;
  /** High readings in a burst: the third trips k = 3 of n = 5. */
  static final int BURST_READINGS = 3;

  final Identity station;
  final int index;
  private final Lane lane;
  private final Counters counters;
  private final int window;
  private final boolean qos1;
  private final InflightTable inflight;
  private final SendQueue backlog;
  private final SendQueue resend;
  /** Bursts of high nh3n every {@code alertEvery} readings, or 0 for none. */
  private final int alertEvery;
  private final int burstOffset;
  /** Readings per publish (a JSON array when more than one), and publishes per alert burst. */
  private final int perPublish;
  private final int burst;
  private MqttClient client;
  private boolean connected;
  private boolean finished;
  private int lastId;
  private int writesPending;
  private long offered;
  /** A high reading of the current burst was never sent (backlog full): its alert cannot be expected. */
  private boolean burstNotArmed;
  private int reconnectAttempts;
  boolean queuedForDrain;
  boolean everConnected;

  StationConnection(Lane lane, Identity station, int index, int alertEvery, int burstOffset) {
    this.lane = lane;
    this.station = station;
    this.index = index;
    this.counters = lane.counters;
    this.window = lane.settings.window();
    this.qos1 = lane.settings.qos() == 1;
    this.inflight = qos1 ? new InflightTable(window) : null;
    this.backlog = new SendQueue(lane.settings.backlog());
    this.resend = new SendQueue(window);
    this.alertEvery = alertEvery;
    this.burstOffset = burstOffset;
    this.perPublish = lane.settings.perPublish();
    this.burst = (BURST_READINGS + perPublish - 1) / perPublish;
  }

  /** Opens the MQTT connection; call on the lane's event loop. */
  Future<Void> connect() {
    Settings s = lane.settings;
    MqttClientOptions o = new MqttClientOptions()
        .setClientId("lt-" + lane.runId + "-" + index + "-" + station.id)
        .setCleanSession(true)
        .setMaxInflightQueue(window)
        .setKeepAliveInterval(60)
        .setAutoKeepAlive(true);
    if (s.ackTimeout() > 0) {
      // The client then runs one timer per publish; without it, what is unacknowledged is settled after the drain.
      o.setAckTimeout(s.ackTimeout());
    }
    o.setConnectTimeout((int) TimeUnit.SECONDS.toMillis(10));
    o.setTcpNoDelay(true);
    if (station.secret != null) {
      o.setUsername(station.id).setPassword(station.secret);
    }
    MqttClient c = MqttClient.create(lane.vertx(), o);
    client = c;
    lastId = 0;
    writesPending = 0;
    c.publishCompletionHandler(id -> onAck(c, id));
    c.publishCompletionExpirationHandler(id -> onExpired(c, id));
    c.publishCompletionUnknownPacketIdHandler(id -> counters.unknownAcks++);
    c.closeHandler(v -> onClosed(c));
    c.exceptionHandler(e -> { });
    // A broker that accepts the TCP connection but never answers the CONNECT must not hold the run up.
    return c.connect(lane.target.port(), lane.target.host()).timeout(15, TimeUnit.SECONDS).map(ack -> {
      if (c == client && !finished) {
        connected = true;
        everConnected = true;
        reconnectAttempts = 0;
        pump();
      }
      return (Void) null;
    }).onFailure(e -> c.disconnect());
  }

  /** A reading is due now by the timetable. */
  void offer(long intendedNanos, boolean record) {
    long ts = station.nextTs(lane.clock.epochMillis(intendedNanos), perPublish);
    byte f = record ? RECORD : 0;
    if (alertEvery > 0) {
      long k = (offered + burstOffset) % alertEvery;
      if (k == 0) {
        burstNotArmed = false;
      }
      if (k < burst) {
        f |= HIGH;
      }
      if (k == burst - 1 && !burstNotArmed) {
        f |= TRIP;
      }
    }
    offered++;
    if (connected && room() && backlog.isEmpty() && resend.isEmpty()) {
      send(intendedNanos, ts, f, false);
    } else if (backlog.offer(intendedNanos, ts, f)) {
      counters.backlog++;
    } else {
      counters.missed += perPublish;
      if ((f & HIGH) != 0 && !burstNotArmed && lane.alerts != null) {
        // Fewer than k high readings will arrive, so no alert is due: the trip is not armed (above).
        burstNotArmed = true;
        lane.alerts.notArmed.incrementAndGet();
      }
    }
  }

  private boolean room() {
    return qos1 ? inflight.size() < window : writesPending < window;
  }

  boolean hasWaiting() {
    return !backlog.isEmpty() || !resend.isEmpty();
  }

  /** Sends held readings while the window has room (bounded by the window). */
  void pump() {
    while (connected && room()) {
      if (!resend.isEmpty()) {
        resend.poll(this::sendAgain);
        counters.backlog--;
      } else if (!backlog.isEmpty()) {
        backlog.poll(this::sendFirst);
        counters.backlog--;
      } else {
        return;
      }
    }
  }

  private void sendFirst(long intendedNanos, long ts, byte f) {
    send(intendedNanos, ts, f, false);
  }

  private void sendAgain(long intendedNanos, long ts, byte f) {
    send(intendedNanos, ts, f, true);
  }

  private void send(long intendedNanos, long ts, byte f, boolean again) {
    if (again) {
      counters.resent++;
    } else {
      counters.sent += perPublish;
      counters.ts(ts);
      counters.ts(ts + perPublish - 1);
      counters.lag(System.nanoTime() - intendedNanos);
      if ((f & TRIP) != 0 && lane.alerts != null) {
        lane.alerts.tripped(station.id, intendedNanos, (f & RECORD) != 0);
      }
    }
    Buffer payload = lane.payloads.readings(station, ts, perPublish, (f & HIGH) != 0);
    MqttClient c = client;
    counters.inflight++;
    if (qos1) {
      // The client numbers publishes 1, 2, … 65535, 1, … per connection: predict the id so the PUBACK, which can
      // only follow the write, finds its entry; the write's result confirms it.
      int id = lastId % 65535 + 1;
      lastId = id;
      inflight.put(id, intendedNanos, ts, f);
      Future<Integer> written;
      try {
        written = c.publish(station.topic, payload, MqttQoS.AT_LEAST_ONCE, again, false);
      } catch (RuntimeException e) {
        return; // the connection is going away; its close handler takes the entry back
      }
      written.onComplete(ar -> {
        if (ar.succeeded() && ar.result() != id && c == client) {
          renumber(id, ar.result());
        }
      });
    } else {
      writesPending++;
      Future<Integer> written;
      try {
        written = c.publish(station.topic, payload, MqttQoS.AT_MOST_ONCE, false, false);
      } catch (RuntimeException e) {
        written = Future.failedFuture(e);
      }
      written.onComplete(ar -> {
        if (c == client) {
          writesPending--;
          counters.inflight--;
          if (ar.failed()) {
            counters.refused++;
          }
          // Never publish from this callback: it can run inside publish() itself (see measured.md).
          lane.wantsDrain(this);
        }
      });
    }
  }

  private void renumber(int predicted, int actual) {
    int slot = inflight.find(predicted);
    if (slot >= 0) {
      long i = inflight.intendedAt(slot);
      long t = inflight.tsAt(slot);
      byte f = inflight.flagsAt(slot);
      inflight.removeAt(slot);
      inflight.put(actual, i, t, f);
    }
    lastId = actual;
    lane.idMismatches++;
  }

  private void onAck(MqttClient c, int id) {
    if (c != client) {
      return;
    }
    int slot = inflight.find(id);
    if (slot < 0) {
      counters.unknownAcks++;
      return;
    }
    long intended = inflight.intendedAt(slot);
    byte f = inflight.flagsAt(slot);
    inflight.removeAt(slot);
    counters.inflight--;
    counters.acked += perPublish;
    if ((f & RECORD) != 0) {
      lane.puback.recordNanos(System.nanoTime() - intended);
    }
    pump();
  }

  private void onExpired(MqttClient c, int id) {
    if (c != client) {
      return;
    }
    int slot = inflight.find(id);
    if (slot >= 0) {
      unacknowledged(inflight.tsAt(slot));
      inflight.removeAt(slot);
      counters.inflight--;
      counters.ackTimeouts++;
    }
    pump();
  }

  private void onClosed(MqttClient c) {
    if (c != client) {
      return;
    }
    boolean wasConnected = connected;
    connected = false;
    if (qos1) {
      counters.inflight -= inflight.size();
      inflight.drainTo((i, t, f) -> {
        if (!finished && resend.offer(i, t, f)) {
          counters.backlog++;
        } else {
          unacknowledged(t);
        }
      });
    } else {
      counters.inflight -= writesPending;
      writesPending = 0;
    }
    if (!finished && wasConnected) {
      // A failed connect is retried by whoever called connect(); a dropped connection is retried here.
      counters.disconnects++;
      reconnectLater();
    }
  }

  private void reconnectLater() {
    if (finished || System.nanoTime() > lane.reconnectDeadline) {
      return;
    }
    long delay = Math.min(2_000, 100L << Math.min(5, reconnectAttempts++));
    lane.vertx().setTimer(delay, t -> {
      if (finished || connected) {
        return;
      }
      counters.reconnects++;
      connect().onFailure(e -> {
        counters.connectFailures++;
        client = null;
        reconnectLater();
      });
    });
  }

  private void unacknowledged(long firstTs) {
    for (int i = 0; i < perPublish; i++) {
      lane.unacked.add(station.index, firstTs + i);
    }
  }

  /** Ends the connection: what is still unacknowledged goes to reconciliation, what was never sent is missed. */
  Future<Void> finish() {
    finished = true;
    if (qos1) {
      counters.inflight -= inflight.size();
      inflight.drainTo((i, t, f) -> unacknowledged(t));
    } else {
      counters.inflight -= writesPending;
      writesPending = 0;
    }
    counters.backlog -= resend.size() + backlog.size();
    resend.drainTo((i, t, f) -> unacknowledged(t));
    counters.missed += (long) backlog.size() * perPublish;
    backlog.drainTo((i, t, f) -> { });
    MqttClient c = client;
    boolean wasConnected = connected;
    connected = false;
    return c != null && wasConnected ? c.disconnect().otherwiseEmpty() : Future.succeededFuture();
  }
}
