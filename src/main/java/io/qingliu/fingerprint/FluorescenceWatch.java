package io.qingliu.fingerprint;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.qingliu.model.Eem;
import io.qingliu.model.Network;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import io.qingliu.shard.StationShards;
import io.qingliu.store.EemStore;
import io.qingliu.store.ReferenceStore;
import io.qingliu.store.TraceMatchStore;
import io.qingliu.tracing.Preprocessor;
import io.qingliu.tracing.Spectrum;
import io.qingliu.tracing.StationBaseline;
import io.qingliu.tracing.TraceParams;
import io.qingliu.tracing.TraceResult;
import io.qingliu.tracing.Upstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traces every stored spectrum of a tracing station against that station's baseline and the enterprises upstream of
 * it: a normal spectrum joins the baseline (and clears an open fluorescence alert), an anomalous one is recorded as a
 * match and raises a fluorescence alert on the station's shard.
 *
 * <p>Traces are CPU work, so they run on one dedicated worker thread, never on an event loop. One thread runs them
 * in arrival order, so a station's baseline changes in the order its spectra came and needs no lock; at a few ms a
 * trace it keeps up with thousands of stations sending one spectrum every half hour. The queue in front of it is
 * bounded: past {@link #MAX_QUEUED} the spectrum is refused as "server busy" (it is stored once the station resends).
 */
public final class FluorescenceWatch {

  private static final Logger LOG = LoggerFactory.getLogger(FluorescenceWatch.class);
  /** Spectra waiting for the trace worker, server-wide. */
  public static final int MAX_QUEUED = 256;

  private final StationShards shards;
  private final ReferenceStore references;
  private final TraceMatchStore matches;
  private final TraceParams params;
  private final Preprocessor pre = new Preprocessor();
  private final TraceAlerts alerts;
  private final WorkerExecutor worker;
  private final AtomicInteger queued = new AtomicInteger();
  private final Map<String, Upstream> upstream = new HashMap<>();
  // Touched only by the worker thread.
  private final Map<String, StationBaseline> baselines = new HashMap<>();
  private final Map<String, ArrayDeque<Long>> baselineTimes = new HashMap<>();
  private volatile TraceLibrary library;
  private final MeterRegistry registry;
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Timer duration;

  public FluorescenceWatch(Vertx vertx, Network network, StationShards shards, ReferenceStore references,
      TraceMatchStore matches, TraceParams params, MeterRegistry registry) {
    this.shards = shards;
    this.references = references;
    this.matches = matches;
    this.params = params;
    this.registry = registry;
    this.alerts = new TraceAlerts(network);
    this.worker = vertx.createSharedWorkerExecutor("qingliu-trace", 1);
    this.library = TraceLibrary.empty(pre, params);
    for (Station s : network.stations()) {
      if (s.kind() == StationKind.FINGERPRINT) {
        upstream.put(s.id(), Upstream.of(network, s));
      }
    }
    this.duration = Timer.builder("qingliu.trace.duration").description("one fluorescence trace")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  public ReferenceStore references() {
    return references;
  }

  public TraceMatchStore matches() {
    return matches;
  }

  /** The library version traces use now (0 = empty). */
  public long libraryVersion() {
    return library.version();
  }

  /** Rebuilds the library from the database (after a reference was added); traces use it from the next spectrum. */
  public Future<Long> reload() {
    return references.all()
        .compose(refs -> worker.executeBlocking(() -> TraceLibrary.build(refs, pre, params), false))
        .map(this::install);
  }

  /** Two reloads may read the table in one order and finish in the other (on different loops): never step back. */
  private synchronized long install(TraceLibrary built) {
    if (built.version() < library.version()) {
      return library.version();
    }
    library = built;
    LOG.info("fingerprint library version {}: {} enterprises, {} references", built.version(),
        built.tracer().library().enterprises().size(), built.tracer().library().size());
    return built.version();
  }

  /**
   * Rebuilds each tracing station's baseline from its latest stored normal spectra, so a restart neither blinds the
   * stations until new spectra arrive nor takes a discharge in progress for the new normal.
   */
  public Future<Void> restoreBaselines(EemStore spectra) {
    List<Future<Void>> all = new ArrayList<>();
    for (String id : upstream.keySet()) {
      all.add(spectra.recentNormal(id, StationBaseline.DEFAULT_CAPACITY)
          .compose(eems -> worker.executeBlocking(() -> {
            StationBaseline baseline = baselines.computeIfAbsent(id, StationBaseline::new);
            ArrayDeque<Long> times = baselineTimes.computeIfAbsent(id, k -> new ArrayDeque<>());
            for (Eem eem : eems) {
              try {
                feed(baseline, times, pre.sample(eem), eem.tsMillis());
              } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.warn("stored spectrum of {} left out of its baseline: {}", id, e.getMessage());
              }
            }
            return null;
          }, false)));
    }
    return Future.all(all).mapEmpty();
  }

  /** Queues a stored spectrum of a tracing station for tracing; false (nothing queued) when the queue is full. */
  public boolean submit(Eem eem) {
    Upstream up = upstream.get(eem.stationId());
    if (up == null) {
      return true; // not a tracing station of this network: nothing to trace
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      count("refused");
      return false;
    }
    worker.executeBlocking(() -> trace(eem, up), false).onComplete(ar -> {
      queued.decrementAndGet();
      if (ar.failed()) {
        count("failed");
        LOG.warn("trace of {} at {} failed: {}", eem.stationId(), eem.tsMillis(), ar.cause().toString());
      }
    });
    return true;
  }

  /** Runs on the worker thread. */
  private Void trace(Eem eem, Upstream up) {
    long t0 = System.nanoTime();
    String id = eem.stationId();
    StationBaseline baseline = baselines.computeIfAbsent(id, StationBaseline::new);
    ArrayDeque<Long> times = baselineTimes.computeIfAbsent(id, k -> new ArrayDeque<>());
    Spectrum s;
    try {
      s = pre.sample(eem);
    } catch (IllegalArgumentException | IllegalStateException e) {
      count("unusable");
      LOG.warn("spectrum of {} cannot be traced: {}", id, e.getMessage());
      return null;
    }
    if (!baseline.ready()) {
      feed(baseline, times, s, eem.tsMillis());
      count("baseline");
      return null;
    }
    TraceLibrary lib = library;
    TraceResult r;
    try {
      r = lib.tracer().trace(baseline, s, up.prior());
    } catch (IllegalArgumentException e) {
      count("unusable");
      LOG.warn("spectrum of {} not comparable with its baseline and the library: {}", id, e.getMessage());
      return null;
    }
    duration.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    if (r.verdict() == TraceResult.Verdict.NONE) {
      // A departure the library explains nothing of is no discharge, but kept out of the baseline all the same.
      if (!r.departure().anomalous()) {
        feed(baseline, times, s, eem.tsMillis());
      }
      count("normal");
      shards.of(id).report(TraceAlerts.normal(id, eem.tsMillis()), null);
      return null;
    }
    count(r.verdict() == TraceResult.Verdict.ENTERPRISE ? "enterprise" : "unknown");
    boolean named = r.verdict() == TraceResult.Verdict.ENTERPRISE;
    matches.insert(new TraceMatchStore.Match(id, eem.tsMillis(), named ? "enterprise" : "unknown",
            named ? r.source() : null, r.fraction(), r.similarity(), r.confidence(), lib.version()))
        .onFailure(e -> LOG.warn("could not record the trace of {}: {}", id, e.getMessage()));
    shards.of(id).report(alerts.firing(id, eem.tsMillis(), r, up),
        alerts.detail(eem.tsMillis(), List.copyOf(times), r, up, lib));
    return null;
  }

  private static void feed(StationBaseline baseline, ArrayDeque<Long> times, Spectrum s, long tsMillis) {
    baseline.add(s);
    times.addLast(tsMillis);
    while (times.size() > baseline.capacity()) {
      times.removeFirst();
    }
  }

  private void count(String outcome) {
    outcomes.computeIfAbsent(outcome, o -> Counter.builder("qingliu.trace.spectra").tag("outcome", o)
        .description("fluorescence spectra by trace outcome").register(registry)).increment();
  }

  public Future<Void> close() {
    return worker.close();
  }
}
