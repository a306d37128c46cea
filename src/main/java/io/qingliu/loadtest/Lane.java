package io.qingliu.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections of one event loop and their share of the timetable. The lane's readings are due at fixed instants
 * {@code start + phase + k / laneRate}, handed round-robin to its connections, so every connection sends at the same
 * steady rate whatever the server does (open loop). A 1 ms timer emits what is due, at most {@link #PER_TASK} per
 * task, and yields to the event loop between tasks so acknowledgements keep flowing while it catches up.
 */
final class Lane extends VerticleBase {

  static final int PER_TASK = 1_000;

  final int index;
  final String runId;
  final Settings settings;
  final HostPort target;
  final Counters counters = new Counters();
  final ReadingPayloads payloads = new ReadingPayloads();
  final Latencies puback;
  final AlertWatch alerts;
  final UnackedLog unacked;
  final List<StationConnection> connections = new ArrayList<>();
  private final ArrayDeque<StationConnection> drainQueue = new ArrayDeque<>();
  RunClock clock;
  long reconnectDeadline = Long.MAX_VALUE;
  long idMismatches;
  private double phaseNanos;
  private double periodNanos;
  private long totalSlots;
  private long warmupEndNanos;
  private long nextSlot;
  private long timer = -1;
  private boolean continuing;
  private volatile boolean scheduleDone;

  Lane(int index, String runId, Settings settings, HostPort target, Latencies puback, AlertWatch alerts,
      UnackedLog unacked) {
    this.index = index;
    this.runId = runId;
    this.settings = settings;
    this.target = target;
    this.puback = puback;
    this.alerts = alerts;
    this.unacked = unacked;
  }

  Vertx vertx() {
    return vertx;
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }

  void add(Identity station, int connectionIndex, int alertEvery, int burstOffset) {
    connections.add(new StationConnection(this, station, connectionIndex, alertEvery, burstOffset));
  }

  /**
   * Opens the lane's connections at {@code perSecond}, each with up to 3 attempts; completes with the number that
   * connected once every one connected or gave up.
   */
  Future<Integer> connectAll(double perSecond, long deadlineNanos) {
    Promise<Integer> done = Promise.promise();
    context.runOnContext(v -> {
      int perTick = (int) Math.max(1, Math.ceil(perSecond / 100));
      int[] next = {0};
      int[] settled = {0};
      int[] ok = {0};
      int n = connections.size();
      if (n == 0) {
        done.complete(0);
        return;
      }
      vertx.setPeriodic(1, 10, t -> {
        boolean late = System.nanoTime() > deadlineNanos;
        for (int i = 0; i < perTick && next[0] < n; i++) {
          StationConnection c = connections.get(next[0]++);
          if (late) {
            counters.connectFailures++;
            settle(done, settled, ok, n, false);
          } else {
            attempt(c, 3).onComplete(ar -> settle(done, settled, ok, n, ar.succeeded()));
          }
        }
        if (next[0] >= n) {
          vertx.cancelTimer(t);
        }
      });
    });
    return done.future();
  }

  private static void settle(Promise<Integer> done, int[] settled, int[] ok, int n, boolean success) {
    ok[0] += success ? 1 : 0;
    if (++settled[0] == n) {
      done.complete(ok[0]);
    }
  }

  private Future<Void> attempt(StationConnection c, int left) {
    return c.connect().recover(e -> {
      counters.connectFailures++;
      if (left <= 1) {
        if (connectError == null) {
          connectError = e.getMessage();
        }
        return Future.failedFuture(e);
      }
      Promise<Void> retry = Promise.promise();
      vertx.setTimer(500, t -> attempt(c, left - 1).onComplete(retry));
      return retry.future();
    });
  }

  volatile String connectError;

  /**
   * Starts the timetable: {@code laneRate} readings/s from {@code clock}'s start plus {@code phaseNanos}, for
   * {@code durationNanos}; readings meant before {@code warmupNanos} are sent and counted but not timed.
   */
  void begin(RunClock clock, double laneRate, double phaseNanos, long durationNanos, long warmupNanos,
      long reconnectDeadline) {
    context.runOnContext(v -> {
      this.clock = clock;
      this.reconnectDeadline = reconnectDeadline;
      this.periodNanos = 1e9 / laneRate;
      this.phaseNanos = phaseNanos;
      this.totalSlots = (long) Math.floor((durationNanos - phaseNanos) / periodNanos);
      this.warmupEndNanos = clock.startNanos() + warmupNanos;
      if (connections.isEmpty() || totalSlots <= 0) {
        scheduleDone = true;
        return;
      }
      timer = vertx.setPeriodic(1, t -> tick());
    });
  }

  boolean scheduleDone() {
    return scheduleDone;
  }

  private void tick() {
    long now = System.nanoTime();
    int budget = PER_TASK;
    while (budget > 0 && !drainQueue.isEmpty()) {
      StationConnection c = drainQueue.poll();
      c.queuedForDrain = false;
      c.pump();
      budget -= settings.window();
    }
    if (!scheduleDone) {
      long due = due(now);
      int n = connections.size();
      while (nextSlot < due && budget-- > 0) {
        long intended = intended(nextSlot);
        connections.get((int) (nextSlot % n)).offer(intended, intended >= warmupEndNanos);
        nextSlot++;
      }
      if (nextSlot >= totalSlots) {
        scheduleDone = true;
      }
    }
    if (!continuing && ((!scheduleDone && nextSlot < due(now)) || !drainQueue.isEmpty())) {
      continuing = true;
      context.runOnContext(v -> {
        continuing = false;
        tick();
      });
    }
  }

  private long due(long now) {
    double since = now - clock.startNanos() - phaseNanos;
    if (since < 0) {
      return 0;
    }
    return Math.min(totalSlots, (long) (since / periodNanos) + 1);
  }

  private long intended(long slot) {
    return clock.startNanos() + (long) (phaseNanos + slot * periodNanos);
  }

  /** A QoS 0 connection's writes completed: it may send what it holds, from the next task. */
  void wantsDrain(StationConnection c) {
    if (!c.queuedForDrain && c.hasWaiting()) {
      c.queuedForDrain = true;
      drainQueue.add(c);
    }
  }

  /** Stops the timetable and closes every connection; what is still unacknowledged goes to reconciliation. */
  Future<Void> finish() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      scheduleDone = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      List<Future<Void>> closes = new ArrayList<>();
      for (StationConnection c : connections) {
        closes.add(c.finish());
      }
      Future.join(closes).onComplete(ar -> done.complete());
    });
    return done.future();
  }
}
