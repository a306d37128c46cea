package io.qingliu.checks.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The streaming water-quality event detector of one station (CANARY-style): each reading is judged on the past only.
 *
 * <ol>
 *   <li>Sensor faults first: a value outside its physical range, a stuck (flat-lined) sensor, a spike, two
 *       neighbouring sensors drifting apart. They are reported as faults and the faulty value is kept out of event
 *       detection.
 *   <li>Each monitored signal's distance from its own baseline ({@link SignalBaseline}) in σ. The reading is an
 *       outlier when the largest distance reaches the threshold. Outliers never enter the baselines.
 *   <li>k of the last n readings outliers opens an event ({@link EventLatch}); a reading back to normal ends it; a
 *       confirmed spike is taken back out of the count, so a glitch never pages.
 *   <li>An event that outlasts the timeout is a new normal: the baselines are rebuilt from the latest readings.
 * </ol>
 *
 * <p>Context signals (temperature, flow) get baselines and are reported next to an event, but never make a reading
 * an outlier. Plain Java, no I/O, no clock: time comes from the readings. Owned by one thread.
 *
 * <p>Memory per station, with the defaults (history 30, reset 8, window 3): about 0.8 KB per signal plus 0.3 KB, so
 * a 9-signal station is ≈ 8 KB; {@link #estimatedBytes} gives the figure for any options.
 */
public final class EventDetector {

  private static final List<Deviation> NONE = List.of();
  private static final List<SensorFault> NO_FAULTS = List.of();

  private final String[] names;
  private final boolean[] context;
  private final SignalBaseline[] baselines;
  private final FaultWatch[] faults;
  private final NeighbourDrift[] drifts;
  private final EventLatch latch;
  private final double threshold;
  private final long timeoutMillis;
  private final long maxGapMillis;

  /** Per signal, this reading: distance from normal in σ, NaN when missing or faulty. */
  private final double[] z;
  /** Per signal: it made the previous reading an outlier (to withdraw that outlier if it proves to be a spike). */
  private final boolean[] outlierBefore;
  private long lastTs = Long.MIN_VALUE;
  private EventState last;

  /**
   * @param names the signals, in the order of the values passed to {@link #observe}
   * @param contextNames the names among them that are context (inform, never alarm on their own)
   */
  public EventDetector(DetectorOptions options, List<String> names, Collection<String> contextNames) {
    options.validate();
    int n = names.size();
    this.names = names.toArray(new String[0]);
    this.context = new boolean[n];
    this.baselines = new SignalBaseline[n];
    this.faults = new FaultWatch[n];
    for (int i = 0; i < n; i++) {
      context[i] = contextNames.contains(this.names[i]);
      DetectorOptions.SignalOptions s = options.signal(this.names[i]);
      baselines[i] = new SignalBaseline(options, s.getPrecision());
      faults[i] = new FaultWatch(s, options.getFlatlineMinutes(), options.getSpikeThreshold());
    }
    List<NeighbourDrift> pairs = new ArrayList<>();
    for (String[] pair : options.getNeighbours()) {
      int a = names.indexOf(pair[0]);
      int b = names.indexOf(pair[1]);
      if (a >= 0 && b >= 0) {
        pairs.add(new NeighbourDrift(a, b, options));
      }
    }
    this.drifts = pairs.toArray(new NeighbourDrift[0]);
    this.latch = new EventLatch(options.getK(), options.getWindow(), options.getClearAfter());
    this.threshold = options.getThreshold();
    this.timeoutMillis = (long) (options.getTimeoutMinutes() * 60_000);
    this.maxGapMillis = (long) (options.getMaxGapMinutes() * 60_000);
    this.z = new double[n];
    this.outlierBefore = new boolean[n];
    this.last = new EventState(Long.MIN_VALUE, false, Long.MIN_VALUE, 0, NONE, NONE, NO_FAULTS, false);
  }

  /**
   * Judges one reading. A reading not newer than the last one (a retransmit, a late backfill) changes nothing and
   * gets the previous verdict back.
   *
   * @param values one value per signal, in the constructor's order; NaN when missing
   */
  public EventState observe(long tsMillis, double[] values) {
    if (tsMillis <= lastTs) {
      return last;
    }
    if (lastTs != Long.MIN_VALUE && tsMillis - lastTs > maxGapMillis) {
      latch.clear(); // nothing is known about the silence: an event does not run across it
      for (FaultWatch f : faults) {
        f.gap();
      }
    }
    lastTs = tsMillis;
    List<SensorFault> found = null;
    boolean spikeWithdrawn = false;
    boolean anyMonitored = false;
    double score = 0;
    for (int i = 0; i < names.length; i++) {
      double v = values[i];
      z[i] = Double.NaN;
      FaultWatch f = faults[i];
      if (Double.isNaN(v)) {
        f.gap();
        continue;
      }
      if (f.outOfRange(tsMillis, v)) {
        f.gap();
        found = add(found, new SensorFault(names[i], FaultKind.OUT_OF_RANGE, f.outOfRangeSince(), v));
        continue;
      }
      SignalBaseline b = baselines[i];
      double spike = f.spikeBefore(tsMillis, v, b.ready() ? b.sigma() : 0);
      if (!Double.isNaN(spike)) {
        found = add(found, new SensorFault(names[i], FaultKind.SPIKE, f.spikeTs(), spike));
        spikeWithdrawn |= outlierBefore[i];
      }
      b.remember(v);
      if (f.flatline(tsMillis, v)) {
        found = add(found, new SensorFault(names[i], FaultKind.FLATLINE, f.flatSince(), v));
        continue;
      }
      z[i] = b.z(v);
      if (!context[i]) {
        anyMonitored = true;
        score = Math.max(score, Math.abs(z[i]));
      }
    }
    if (spikeWithdrawn && !latch.active()) {
      latch.withdrawPrevious(); // the previous reading's outlier was a glitch, not water
    }
    boolean outlier = score >= threshold;
    boolean active = anyMonitored ? latch.observe(outlier, tsMillis) : latch.active();
    for (int i = 0; i < names.length; i++) {
      outlierBefore[i] = !context[i] && Math.abs(z[i]) >= threshold;
    }
    for (NeighbourDrift d : drifts) {
      SensorFault drift = d.observe(tsMillis, values, active);
      if (drift != null) {
        found = add(found, drift);
      }
    }
    // The history learns only what was normal: nothing while an event runs, no value that was itself an outlier.
    for (int i = 0; i < names.length; i++) {
      if (!Double.isNaN(z[i]) && Math.abs(z[i]) < threshold && (context[i] || !active)) {
        baselines[i].accept(values[i]);
      }
    }
    boolean reset = false;
    if (active && tsMillis - latch.since() >= timeoutMillis) {
      // A shift that lasts is the new normal (CANARY's timeout): rebuild from the latest readings, stop alarming.
      for (int i = 0; i < names.length; i++) {
        if (!context[i]) {
          baselines[i].resetToRecent();
        }
      }
      latch.clear();
      active = false;
      reset = true;
    }
    last = state(tsMillis, active, score, values, found, reset);
    return last;
  }

  private EventState state(long ts, boolean active, double score, double[] values, List<SensorFault> found,
      boolean reset) {
    List<SensorFault> f = found == null ? NO_FAULTS : List.copyOf(found);
    if (!active) {
      return new EventState(ts, false, Long.MIN_VALUE, score, NONE, NONE, f, reset);
    }
    List<Deviation> contributors = new ArrayList<>(2);
    List<Deviation> ctx = new ArrayList<>(1);
    for (int i = 0; i < names.length; i++) {
      if (Math.abs(z[i]) >= threshold) {
        SignalBaseline b = baselines[i];
        (context[i] ? ctx : contributors).add(new Deviation(names[i], values[i], b.level(), b.sigma(), z[i]));
      }
    }
    Comparator<Deviation> byDistance = Comparator.comparingDouble(d -> -Math.abs(d.z()));
    contributors.sort(byDistance);
    ctx.sort(byDistance);
    return new EventState(ts, true, latch.since(), score, List.copyOf(contributors), List.copyOf(ctx), f, false);
  }

  private static List<SensorFault> add(List<SensorFault> list, SensorFault f) {
    List<SensorFault> l = list == null ? new ArrayList<>(2) : list;
    l.add(f);
    return l;
  }

  public List<String> signals() {
    return List.of(names);
  }

  /**
   * Bytes of state per station for these options and signal count (arrays and objects, 64-bit JVM with compressed
   * pointers, headers included); the replay prints it and the tests check it against the heap.
   */
  public static long estimatedBytes(DetectorOptions o, int signals, int neighbourPairs) {
    long perSignal = SignalBaseline.estimatedBytes(o) + FaultWatch.ESTIMATED_BYTES + 8 + 1 + 1 + 4 + 4;
    long fixed = 96 + 4 * 16 + EventLatch.estimatedBytes(o.getWindow()) + 80;
    return fixed + signals * perSignal + neighbourPairs * NeighbourDrift.ESTIMATED_BYTES;
  }
}
