package io.qingliu.shard;

import io.qingliu.alerts.AlertBook;
import io.qingliu.alerts.AlertBus;
import io.qingliu.alerts.AlertChange;
import io.qingliu.checks.Finding;
import io.qingliu.checks.OfflineWatch;
import io.qingliu.checks.StationChecks;
import io.qingliu.model.AlertKind;
import io.qingliu.model.Parameter;
import io.qingliu.model.Reading;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import io.qingliu.store.ReadingWriter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop that owns a share of the stations: their checks, their offline watch, their open alerts and the
 * group commit of their readings. Everything here runs on this verticle's context, so none of it needs a lock; other
 * threads hand work in through {@link #submit}.
 */
public final class Shard extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(Shard.class);

  private final List<Station> stations;
  private final ShardSetup setup;
  /** Batches handed to this shard from other event loops and not yet taken up. */
  static final int MAX_HANDED_OFF = 20_000;
  /** Stations whose history is read at the same time while the shard starts. */
  static final int REBUILD_LANES = 4;

  /** Readings of a station taken by its old checks while its new ones are built (see {@link #update}). */
  static final int MAX_HELD_FOR_UPDATE = 10_000;
  /** Why an alert adopted at start-up is resolved when the stored readings no longer hold its condition. */
  public static final String RESTARTED = "服务重启后按已存储的读数重新判定，该告警条件已不成立";
  /** How often, and how far apart, a rebuild asks for history that has not caught up with the checks yet. */
  static final int HISTORY_ATTEMPTS = 20;
  static final long HISTORY_RETRY_MS = 50;

  private final Map<String, StationChecks> checks = new HashMap<>();
  private final Map<String, List<Reading>> heldForUpdate = new HashMap<>();
  /** The last station update; the next one waits for it. Only touched on this shard's loop. */
  private Future<?> updating = Future.succeededFuture();
  private final AtomicInteger handedOff = new AtomicInteger();
  private OfflineWatch offline;
  private AlertBook book;
  private AlertBus bus;
  private ReadingWriter writer;
  private MessageConsumer<JsonObject> changes;
  private OwnLoop loop;

  public Shard(List<Station> stations, ShardSetup setup) {
    this.stations = stations;
    this.setup = setup;
  }

  @Override
  public Future<?> start() {
    loop = OwnLoop.current();
    bus = new AlertBus(vertx.eventBus());
    Map<String, StationKind> kinds = new HashMap<>();
    stations.forEach(s -> kinds.put(s.id(), s.kind()));
    book = new AlertBook(setup.alertStore(), bus, setup.clock(), setup.rules(), setup.silences(), kinds);
    offline = new OfflineWatch(setup.clock(), setup.offlineFactor());
    writer = setup.writers().get();
    List<String> ids = new ArrayList<>();
    for (Station s : stations) {
      offline.watch(s);
      ids.add(s.id());
    }
    changes = vertx.eventBus().localConsumer(AlertBus.ALERTS, m -> book.onChange(AlertChange.fromMessage(m.body())));
    return setup.alertStore().openFor(ids).onSuccess(alerts -> alerts.forEach(a -> {
      book.adopt(a);
      if (AlertKind.OFFLINE.key().equals(a.getString("kind"))) {
        offline.resumeOffline(a.getString("stationId"));
      }
    })).compose(adopted -> rebuild())
        // The sweep reports on stations' checks, so it starts once every station has them.
        .onSuccess(built -> vertx.setPeriodic(setup.sweepMs(), setup.sweepMs(), t -> sweep()));
  }

  /**
   * Builds each station's checks from its latest stored readings, as {@link #update} does, so the detector's
   * baselines, the k-of-n latches behind the adopted open alerts and the station's last values continue where they
   * were before the restart; an adopted alert the stored readings no longer hold is resolved, saying why.
   */
  private Future<Void> rebuild() {
    Iterator<Station> next = stations.iterator();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < REBUILD_LANES; i++) {
      lanes.add(rebuildLane(next));
    }
    return Future.all(lanes).mapEmpty();
  }

  /** One station after the other: one query, then its readings through its new checks on this event loop. */
  private Future<Void> rebuildLane(Iterator<Station> next) {
    if (!next.hasNext()) {
      return Future.succeededFuture();
    }
    return rebuild(next.next(), RESTARTED).compose(status -> rebuildLane(next));
  }

  @Override
  public Future<?> stop() {
    return changes.unregister();
  }

  /**
   * Checks readings of one of this shard's stations and queues them for the database. The future completes, on
   * this shard's event loop, when they are committed; it fails with {@link ReadingWriter.Overloaded} when the
   * writer's queue is full.
   */
  public Future<Void> submit(List<Reading> readings) {
    if (loop.isHere()) {
      return ingest(readings);
    }
    // The event loop's own task queue has no bound: count what is handed to it and refuse beyond the limit.
    if (handedOff.incrementAndGet() > MAX_HANDED_OFF) {
      handedOff.decrementAndGet();
      return Future.failedFuture(new ReadingWriter.Overloaded(MAX_HANDED_OFF + " batches waiting for shard "
          + context.deploymentID()));
    }
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      handedOff.decrementAndGet();
      ingest(readings).onComplete(done);
    });
    return done.future();
  }

  private Future<Void> ingest(List<Reading> readings) {
    for (Reading r : readings) {
      StationChecks c = checks.get(r.stationId());
      int before = c.currentClass();
      c.evaluate(r, book::apply);
      boolean wasOffline = offline.isOffline(r.stationId());
      offline.seen(r.stationId(), book::apply);
      if (wasOffline || before != c.currentClass()) {
        bus.publishStation(status(c));
      }
      if (!heldForUpdate.isEmpty()) {
        List<Reading> held = heldForUpdate.get(r.stationId());
        if (held != null && held.size() < MAX_HELD_FOR_UPDATE) {
          held.add(r);
        }
      }
    }
    return writer.write(readings);
  }

  /**
   * Applies a station's new settings (a new target class, water body or reporting interval): its checks are built
   * anew and fed its latest stored readings, plus those that arrived meanwhile, so they continue where the old ones
   * were. Conditions that hold under the new settings open their alerts now; open alerts whose condition no longer
   * holds are resolved with {@code note} in their trail. Completes with the station's status, which is also published.
   */
  public Future<JsonObject> update(Station station, String note) {
    return run(() -> {
      Future<JsonObject> next = updating.transform(previous -> rebuild(station, note));
      updating = next;
      return next;
    }).compose(next -> next);
  }

  /**
   * The station's latest stored readings once they include the newest one its checks took ({@code checkedTs}): a
   * reading checked just before its readings were held may still be on its way to the database. A reading whose write
   * failed never arrives (it was not acknowledged either), so after {@code attempts} the history is taken as it is.
   */
  private Future<List<Reading>> historyThrough(String id, long checkedTs, int attempts) {
    return setup.history().latest(id, setup.rebuildReadings()).compose(rows -> {
      boolean complete = checkedTs == Long.MIN_VALUE
          || !rows.isEmpty() && rows.get(rows.size() - 1).tsMillis() >= checkedTs;
      return complete || attempts <= 1 ? Future.succeededFuture(rows)
          : vertx.timer(HISTORY_RETRY_MS, TimeUnit.MILLISECONDS)
              .compose(t -> historyThrough(id, checkedTs, attempts - 1));
    });
  }

  /** Builds every station's checks anew as {@link #update} does, for new alert rules; completes when all are. */
  public Future<Void> rebuildAll(String note) {
    return run(() -> {
      List<Future<JsonObject>> all = new ArrayList<>();
      for (Station s : stations) {
        all.add(update(checks.get(s.id()).station(), note));
      }
      return Future.all(all);
    }).compose(Future::mapEmpty);
  }

  private Future<JsonObject> rebuild(Station station, String note) {
    String id = station.id();
    return run(() -> {
      heldForUpdate.put(id, new ArrayList<>());
      StationChecks old = checks.get(id);
      return old == null ? Long.MIN_VALUE : old.lastTs();
    })
        .compose(checked -> setup.rebuildReadings() > 0
            ? historyThrough(id, checked, HISTORY_ATTEMPTS)
            : Future.succeededFuture(List.<Reading>of()))
        .transform(history -> run(() -> {
          List<Reading> replay = new ArrayList<>();
          if (history.succeeded()) {
            replay.addAll(history.result());
          } else {
            // The settings are saved already: apply them with checks that start cold rather than not at all.
            LOG.warn("station {} gets its new settings without its history: {}", id, history.cause().getMessage());
          }
          replay.addAll(heldForUpdate.remove(id));
          StationChecks fresh = setup.newChecks().apply(station);
          Replayed replayed = new Replayed();
          replay.forEach(r -> fresh.evaluate(r, replayed));
          checks.put(id, fresh);
          offline.update(station);
          // Stale alerts first: that also forgets what was pending, which the replay below sets again.
          book.resolveStale(id, StationChecks.KINDS, fresh::firing, note);
          // A pending condition keeps the start the replay finds rather than the old checks' entry: after a
          // restart the replay is all there is, and new settings (a target class, k of n) can move that start;
          // the replayed readings (checks.rebuildReadings) span far longer than a pending time.
          replayed.forEachFiring(book::resume);
          JsonObject status = status(fresh);
          bus.publishStation(status);
          return status;
        }));
  }

  /** A finding made off this shard's loop (a fluorescence trace), applied to the alert book on the loop. */
  public void report(Finding f, JsonObject detail) {
    context.runOnContext(v -> book.apply(f, detail));
  }

  /** Runs the offline sweep now; the timer calls it every {@code sweepMs}, tests call it after moving the clock. */
  public Future<Void> sweep() {
    return run(() -> {
      offline.sweep(this::offlineFinding);
      return null;
    });
  }

  private void offlineFinding(Finding f) {
    book.apply(f);
    bus.publishStation(status(checks.get(f.stationId())));
  }

  /** The status of every station of this shard, as the API shows it. */
  public Future<JsonArray> statuses() {
    return run(() -> {
      JsonArray out = new JsonArray();
      for (Station s : stations) {
        out.add(status(checks.get(s.id())));
      }
      return out;
    });
  }

  /**
   * Starts {@code what} on this shard's event loop. A listener started here accepts its share of the connections on
   * this loop, and those of them whose station this shard owns are checked and stored without leaving it. What is
   * opened here is closed when the shard is undeployed.
   */
  public Future<Void> onLoop(Supplier<Future<?>> what) {
    return run(what).compose(Future::mapEmpty);
  }

  private <T> Future<T> run(Supplier<T> work) {
    if (loop.isHere()) {
      return Future.succeededFuture(work.get());
    }
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> done.complete(work.get()));
    return done.future();
  }

  private JsonObject status(StationChecks c) {
    Station s = c.station();
    JsonObject values = new JsonObject();
    double[] last = c.lastValues();
    for (int i = 0; i < last.length; i++) {
      if (!Double.isNaN(last[i])) {
        values.put(Parameter.byOrdinal(i).key(), last[i]);
      }
    }
    long seen = c.lastTs() == Long.MIN_VALUE ? 0 : c.lastTs();
    return new JsonObject()
        .put("id", s.id())
        .put("name", s.name())
        .put("nameEn", s.nameEn())
        .put("kind", s.kind().key())
        .put("river", s.river())
        .put("reach", s.reach())
        .put("targetClass", s.targetClass() > 0 ? s.targetClass() : null)
        .put("online", !offline.isOffline(s.id()))
        .put("lastSeen", seen == 0 ? null : Instant.ofEpochMilli(seen).toString())
        .put("currentClass", c.currentClass() > 0 ? c.currentClass() : null)
        .put("lastValues", values);
  }
}
