package io.qingliu.loadtest;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run, start to end: learn the stations, open the connections, run the timetable for the duration, drain, close,
 * reconcile with the database. Every phase has a deadline, so a run ends by itself whatever the server does.
 */
final class Loadtest {

  /** Readings between a station's alert bursts can be no fewer than this: the alert must resolve in between. */
  static final int MIN_ALERT_EVERY = 12;

  private final Settings settings;
  private final PrintStream out;

  Loadtest(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  RunResult run() throws Exception {
    Settings s = settings;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(s.loops()).setWorkerPoolSize(2)
        .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
    String runId = Long.toString(System.currentTimeMillis() % 10_000_000L, 36);
    Latencies puback = new Latencies("puback");
    Latencies httpLatency = new Latencies("http");
    Latencies e2e = new Latencies("e2e_alert");
    String target = s.mqttEnabled() ? "mqtt://" + s.mqtt() : s.http();
    RunResult result = new RunResult(s, target, Instant.now(), puback, httpLatency, e2e);
    OfficerSession session = null;
    AlertWatch alerts = null;
    try {
      // 1. Which stations to play.
      Roster roster;
      if (s.noAuth()) {
        roster = Roster.synthetic(Math.max(1, s.stations()));
      } else {
        if (s.api() == null) {
          throw new IllegalArgumentException("the station list comes from the server's API: give --api (or --http or"
              + " --ws), or --no-auth for synthetic stations");
        }
        session = new OfficerSession(vertx, s.api());
        await(session.login(s.user(), s.password()), 30, "officer login at " + s.api());
        JsonObject network = await(session.network(), 30, "GET /api/v1/network");
        roster = Roster.fromNetwork(network, s.stations(), Roster.secrets(s.secrets(), s.secretTemplate()));
      }
      result.stationsPlayed = roster.stations.size();
      result.connectionsRequested = s.mqttEnabled() ? roster.byConnection.size() : 0;
      double perStation = s.mqttEnabled() ? s.rate() / roster.stations.size() : 0;
      if (s.mqttEnabled() && roster.byConnection.size() > roster.stations.size()) {
        result.notes.add(roster.byConnection.size() + " connections play " + roster.stations.size()
            + " stations: stations are shared, with distinct client ids and timestamps");
      }
      if (perStation + (s.httpEnabled() ? s.httpRate() / roster.stations.size() : 0) > 1000) {
        result.notes.add(String.format(Locale.ROOT, "more than 1,000 readings/s per station: timestamps (ms) run "
            + "ahead of the clock by up to %.0f s", s.duration() * (perStation / 1000 - 1)));
      }

      // 2. The database's newest readings of these stations: the run's must be newer.
      Reconciler reconciler = s.db() == null ? null : new Reconciler(vertx, s.db());
      if (reconciler != null) {
        await(reconciler.floors(roster.stations), 60, "reading the newest stored timestamps");
      }

      // 3. The WebSocket for end-to-end alert latency.
      if (s.ws() != null && s.mqttEnabled()) {
        if (session == null) {
          throw new IllegalArgumentException("--ws needs an officer login: not with --no-auth");
        }
        alerts = new AlertWatch(e2e);
        await(alerts.connect(vertx, s.ws(), session.cookieHeader()), 30, "WebSocket " + s.ws());
        result.alerts = alerts;
      }

      // 4. The MQTT connections, spread over the event loops.
      UnackedLog unacked = new UnackedLog();
      List<Lane> lanes = new ArrayList<>();
      if (s.mqttEnabled()) {
        int laneCount = Math.min(s.loops(), roster.byConnection.size());
        for (int i = 0; i < laneCount; i++) {
          Lane lane = new Lane(i, runId, s, s.mqtt(), puback, alerts, unacked);
          await(vertx.deployVerticle(lane, new DeploymentOptions()), 10, "deploying lane " + i);
          lanes.add(lane);
        }
        int alertEvery = Math.max(MIN_ALERT_EVERY, s.alertEvery());
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < roster.byConnection.size(); i++) {
          Identity station = roster.byConnection.get(i);
          boolean bursts = alerts != null && station.targetClass > 0 && i < roster.stations.size();
          lanes.get(i % laneCount).add(station, i, bursts ? alertEvery : 0,
              bursts ? 5 + random.nextInt(alertEvery - 5) : 0);
        }
        long connectSeconds = 30 + (long) (roster.byConnection.size() / (double) s.connectRate());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(connectSeconds);
        List<Future<Integer>> connecting = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Lane lane : lanes) {
          connecting.add(lane.connectAll(s.connectRate() / (double) laneCount, deadline));
        }
        await(Future.all(connecting), connectSeconds + 30, "connecting");
        for (Future<Integer> f : connecting) {
          result.connectionsUp += f.result();
        }
        out.println(String.format(Locale.ROOT, "connected %,d of %,d MQTT connections to %s in %.1f s",
            result.connectionsUp, roster.byConnection.size(), s.mqtt(), (System.nanoTime() - t0) / 1e9));
        if (result.connectionsUp == 0) {
          String why = lanes.stream().map(l -> l.connectError).filter(e -> e != null).findFirst().orElse("?");
          throw new IllegalStateException("no MQTT connection could be opened to " + s.mqtt() + ": " + why);
        }
        if (result.connectionsUp < roster.byConnection.size()) {
          result.notes.add((roster.byConnection.size() - result.connectionsUp) + " connections never opened: their"
              + " readings were held, then missed");
        }
      }
      HttpBatchLoad httpLoad = null;
      if (s.httpEnabled()) {
        if (s.httpKey() == null && roster.stations.get(0).secret == null) {
          throw new IllegalArgumentException("HTTP ingest needs --http-key or station credentials (not --no-auth)");
        }
        httpLoad = new HttpBatchLoad(s, roster.stations, httpLatency, unacked);
        await(vertx.deployVerticle(httpLoad), 10, "deploying the HTTP sender");
      }

      // 5. The timetable.
      RunClock clock = RunClock.startingIn(TimeUnit.MILLISECONDS.toNanos(200));
      long durationNanos = TimeUnit.SECONDS.toNanos(s.duration());
      long drainEnd = clock.startNanos() + durationNanos + TimeUnit.SECONDS.toNanos(s.drain());
      double totalConnections = roster.byConnection.size();
      for (Lane lane : lanes) {
        double publishes = s.rate() / s.perPublish();
        double laneRate = publishes * lane.connections.size() / totalConnections;
        lane.begin(clock, laneRate, lane.index * 1e9 / publishes, durationNanos,
            TimeUnit.SECONDS.toNanos(s.warmup()), drainEnd);
      }
      if (httpLoad != null) {
        httpLoad.begin(clock, durationNanos, TimeUnit.SECONDS.toNanos(s.warmup()));
      }
      List<Counters> laneCounters = lanes.stream().map(l -> l.counters).toList();
      Timeline timeline = new Timeline(laneCounters, httpLoad == null ? null : httpLoad.counters, puback,
          List.of(httpLatency, e2e), clock, out);
      out.println(String.format(Locale.ROOT, "running %s: %s readings/s%s for %d s (QoS %d, window %d%s)",
          s.name(), s.mqttEnabled() ? String.format(Locale.ROOT, "%,.0f MQTT", s.rate()) : "0 MQTT",
          s.httpEnabled() ? String.format(Locale.ROOT, " + %,.0f HTTP", s.httpRate()) : "", s.duration(), s.qos(),
          s.window(), s.perPublish() > 1 ? ", " + s.perPublish() + " readings per publish" : ""));
      // Its own thread, not an event loop: a busy loop must not delay the clock that measures it.
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loadtest-sampler");
        t.setDaemon(true);
        return t;
      });
      sampler.scheduleAtFixedRate(() -> {
        try {
          timeline.sample();
        } catch (RuntimeException e) {
          out.println("sampler: " + e); // keep sampling
        }
      }, 1200, 1000, TimeUnit.MILLISECONDS);

      // 6. Run, then drain: wait for acknowledgements, held readings and alerts, up to --drain seconds.
      sleepUntil(clock.startNanos() + durationNanos);
      while (System.nanoTime() < drainEnd) {
        boolean done = true;
        for (Lane lane : lanes) {
          done &= lane.scheduleDone() && lane.counters.inflight == 0 && lane.counters.backlog == 0;
        }
        if (httpLoad != null) {
          done &= httpLoad.scheduleDone() && httpLoad.counters.inflight == 0 && httpLoad.counters.backlog == 0;
        }
        if (alerts != null) {
          done &= alerts.pending() == 0;
        }
        if (done) {
          break;
        }
        Thread.sleep(50);
      }
      sampler.shutdownNow();
      sampler.awaitTermination(5, TimeUnit.SECONDS);

      // 7. Close; whatever is still open is unacknowledged (in flight) or missed (never sent).
      List<Future<Void>> closing = new ArrayList<>();
      for (Lane lane : lanes) {
        closing.add(lane.finish());
      }
      if (httpLoad != null) {
        closing.add(httpLoad.finish());
      }
      await(Future.join(closing), 60, "closing");
      timeline.sample();
      result.timeline = timeline.rows;
      result.seconds = clock.secondsAt(System.nanoTime());
      for (Lane lane : lanes) {
        RunResult.add(result.mqtt, lane.counters);
        result.idMismatches += lane.idMismatches;
      }
      if (httpLoad != null) {
        RunResult.add(result.http, httpLoad.counters);
        result.httpStatus2xx = httpLoad.status2xx;
        result.httpStatus503 = httpLoad.status503;
        result.httpStatusOther = httpLoad.statusOther;
        result.httpFailures = httpLoad.failures;
        if (httpLoad.lastError != null) {
          result.notes.add("last HTTP error: " + httpLoad.lastError);
        }
      }
      if (result.mqtt.missed + result.http.missed > 0) {
        result.notes.add(String.format(Locale.ROOT, "%,d scheduled readings were never sent: the in-flight window "
            + "and the backlog were full (the server acknowledged too slowly for this rate, or connections were down)",
            result.mqtt.missed + result.http.missed));
      }
      if (result.mqtt.disconnects > 0) {
        result.notes.add(String.format(Locale.ROOT, "the server closed connections %,d times; %,d reconnects, %,d "
            + "publishes sent again", result.mqtt.disconnects, result.mqtt.reconnects, result.mqtt.resent));
      }
      if (alerts != null && alerts.pending() + alerts.superseded.get() > 0) {
        result.notes.add((alerts.pending() + alerts.superseded.get()) + " alert bursts saw no \"opened\" alert");
      }
      if (alerts != null && alerts.notArmed.get() > 0) {
        result.notes.add(alerts.notArmed.get() + " alert bursts were not timed: one of their high readings was never "
            + "sent");
      }

      // 8. Reconcile.
      if (reconciler != null) {
        result.outcome = await(reconciler.reconcile(roster.stations, result.tsMin(), result.tsMax(), result.acked(),
            unacked), 600, "reconciling with PostgreSQL");
        // QoS 0 is never acknowledged: readings may still be on their way to the database; wait until the count settles.
        for (int i = 0; i < 10 && s.mqttEnabled() && s.qos() == 0; i++) {
          Thread.sleep(1000);
          Reconciler.Outcome again = await(reconciler.reconcile(roster.stations, result.tsMin(), result.tsMax(),
              result.acked(), unacked), 600, "reconciling with PostgreSQL");
          boolean settled = again.stored() == result.outcome.stored();
          result.outcome = again;
          if (settled) {
            break;
          }
        }
        if (result.outcome.lowerBound()) {
          result.notes.add("more than " + UnackedLog.MAX + " unacknowledged readings: lost is a lower bound");
        }
      }
      return result;
    } finally {
      List<Future<Void>> closing = new ArrayList<>();
      if (alerts != null) {
        closing.add(alerts.close());
      }
      if (session != null) {
        closing.add(session.close());
      }
      try {
        Future.join(closing).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // closing anyway
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
    }
  }

  static <T> T await(Future<T> f, long seconds, String what) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(what + ": no answer within " + seconds + " s", e);
    }
  }
}
