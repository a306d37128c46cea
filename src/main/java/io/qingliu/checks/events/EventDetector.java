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
 *       neighbouring sensors drifting apart. They are reported as faults, and a faulty value is kept out of event
 *       detection.
 *   <li>Each monitored signal's distance z from its own baseline ({@link SignalBaseline}) in σ; the reading's score
 *       is the largest |z| or the root of the two largest z². The reading is an outlier when the score reaches the
 *       threshold. Values far off normal never enter the baselines.
 *   <li>k of the last n readings outliers opens an event ({@link EventLatch}); a reading back to normal ends it. A
 *       confirmed spike is taken back out of the count, so a glitch never pages.
 *   <li>A deviation that lasts is the new normal: when all signals have settled on a new level, after
 *       {@code settleReadings}; in any case after {@code timeoutReadings}; and for a small shift that never made an
 *       event, after {@code shiftReadings}. The baselines are then rebuilt from the latest readings.
 * </ol>
 *
 * <p>Context signals (temperature, flow) get baselines and are reported next to an event, but never make a reading
 * an outlier. Plain Java, no I/O, no clock: time comes from the readings. Owned by one thread; {@link
 * #estimatedBytes} states the memory.
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
  private final double historyThreshold;
  private final boolean topTwo;

  private final int shiftReadings;
  private final int settleReadings;
  private final double settleBand;
  private final int timeoutReadings;
  private final int maxGapReadings;
  private final double diurnalDays;

  /** Per signal, this reading: distance from normal in σ; NaN when missing or faulty. */
  private final double[] z;
  /** Per signal: it was an outlier at the previous reading, and the one before (a spike must stand alone). */
  private final boolean[] outlierBefore;
  private final boolean[] outlierBefore2;
  private long lastTs = Long.MIN_VALUE;
  /** The smallest interval seen between readings: the station's step, to tell a gap from a late reading. */
  private long step = Long.MAX_VALUE;
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
      faults[i] = new FaultWatch(s, options.getFlatlineReadings(), options.getSpikeThreshold());
    }
    List<NeighbourDrift> pairs = new ArrayList<>();
    for (String[] pair : options.getNeighbours()) {
      int a = names.indexOf(pair[0]);
      int b = names.indexOf(pair[1]);
      if (a >= 0 && b >= 0) {
        pairs.add(new NeighbourDrift(a, b, pair[0] + "/" + pair[1], options));
      }
    }
    this.drifts = pairs.toArray(new NeighbourDrift[0]);
    this.latch = new EventLatch(options.getK(), options.getWindow(), options.getClearAfter());
    this.threshold = options.getThreshold();
    this.historyThreshold = Math.min(options.getHistoryThreshold(), options.getThreshold());
    this.topTwo = options.getCombine() == 2;

    this.shiftReadings = options.getShiftReadings();
    this.settleReadings = options.getSettleReadings();
    this.settleBand = options.getSettleBand();
    this.timeoutReadings = options.getTimeoutReadings();
    this.maxGapReadings = options.getMaxGapReadings();
    this.diurnalDays = options.getDiurnalDays();
    this.z = new double[n];
    this.outlierBefore = new boolean[n];
    this.outlierBefore2 = new boolean[n];
    this.last = new EventState(Long.MIN_VALUE, false, Long.MIN_VALUE, 0, NONE, NONE, NO_FAULTS, false);
  }

  /**
   * Judges one reading. A reading not newer than the last one (a retransmit, a late backfill) changes nothing and
   * gets the previous verdict back.
   *
   * @param values one value per signal, in the constructor's order; NaN when missing
   */
  public EventState observe(long tsMillis, double[] values) {
    if (values.length != names.length) {
      throw new IllegalArgumentException(values.length + " values for " + names.length + " signals");
    }
    if (tsMillis <= lastTs) {
      return last;
    }
    if (lastTs != Long.MIN_VALUE) {
      long interval = tsMillis - lastTs;
      if (interval / maxGapReadings > step) {
        silence();
      }
      step = Math.min(step, interval);
    }
    lastTs = tsMillis;
    int hour = SignalBaseline.hour(tsMillis);

    List<SensorFault> found = null;
    int outliersBefore = 0;
    int spikesBefore = 0;
    double first = 0;
    double second = 0;
    boolean anyMonitored = false;
    for (int i = 0; i < names.length; i++) {
      double v = values[i];
      z[i] = Double.NaN;
      outliersBefore += outlierBefore[i] ? 1 : 0;
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
      boolean alone = !outlierBefore2[i] && Math.abs(b.z(v, hour)) < threshold;
      double spike = f.spikeBefore(tsMillis, v, b.ready() ? b.sigma() : 0, alone);
      if (!Double.isNaN(spike)) {
        found = add(found, new SensorFault(names[i], FaultKind.SPIKE, f.spikeTs(), spike));
        spikesBefore += outlierBefore[i] ? 1 : 0;
      }
      b.remember(v);
      if (f.flatline(tsMillis, v)) {
        found = add(found, new SensorFault(names[i], FaultKind.FLATLINE, f.flatSince(), v));
        continue;
      }
      z[i] = b.z(v, hour);
      if (!context[i]) {
        anyMonitored = true;
        double a = Math.abs(z[i]);
        if (a > first) {
          second = first;
          first = a;
        } else if (a > second) {
          second = a;
        }
      }
    }
    if (spikesBefore > 0 && spikesBefore == outliersBefore && !latch.active()) {
      latch.withdrawLatest(); // the previous reading was an outlier only because of glitches, not the water
    }
    double score = topTwo ? Math.sqrt(first * first + second * second) : first;
    boolean active = anyMonitored ? latch.observe(score >= threshold, tsMillis) : latch.active();
    for (int i = 0; i < names.length; i++) {
      outlierBefore2[i] = outlierBefore[i];
      outlierBefore[i] = !context[i] && Math.abs(z[i]) >= threshold;
    }
    for (NeighbourDrift d : drifts) {
      SensorFault drift = d.observe(tsMillis, values, active);
      if (drift != null) {
        found = add(found, drift);
      }
    }
    learn(values, active, hour);
    boolean reset = false;
    if (active && (latch.lasted() >= timeoutReadings || latch.lasted() >= settleReadings && allSettled())) {
      // A deviation that lasts is the new normal (CANARY's timeout): rebuild from the latest readings, stop alarming.
      for (int i = 0; i < names.length; i++) {
        if (!context[i]) {
          baselines[i].resetToRecent();
        }
      }
      latch.clear();
      active = false;
      reset = true;
    }
    last = state(tsMillis, hour, active, score, values, found, reset);
    return last;
  }

  /** The history learns only what was normal: nothing while an event runs, no value far off its level. */
  private void learn(double[] values, boolean active, int hour) {
    // Each hour of the day gets 3,600,000 / step readings a day; its offset averages diurnalDays days of them.
    double profileAlpha = step == Long.MAX_VALUE ? 1 : step / (3_600_000.0 * Math.max(diurnalDays, 1e-9));
    for (int i = 0; i < names.length; i++) {
      if (Double.isNaN(z[i]) || (active && !context[i])) {
        continue;
      }
      SignalBaseline b = baselines[i];
      b.learnTail(values[i], hour);
      if (Math.abs(z[i]) < historyThreshold) {
        b.accept(values[i], hour, profileAlpha);
      } else if (b.reject() >= shiftReadings) {
        // A shift that lasts without making an event (or of a context signal, which never makes one) is the
        // signal's new normal: without this a baseline could lock itself out of learning for good.
        b.resetToRecent();
      }
    }
  }

  /** Nothing is known about a long silence: no event runs across it, and spikes need neighbours. */
  private void silence() {
    latch.clear();
    for (FaultWatch f : faults) {
      f.gap();
    }
  }

  /** Every monitored signal that is off its normal has settled on a new level (the others do not matter). */
  private boolean allSettled() {
    for (int i = 0; i < names.length; i++) {
      if (!context[i] && Math.abs(z[i]) >= historyThreshold && !baselines[i].settled(settleBand)) {
        return false;
      }
    }
    return true;
  }

  private EventState state(long ts, int hour, boolean active, double score, double[] values, List<SensorFault> found,
      boolean reset) {
    List<SensorFault> f = found == null ? NO_FAULTS : List.copyOf(found);
    if (!active) {
      return new EventState(ts, false, Long.MIN_VALUE, score, NONE, NONE, f, reset);
    }
    List<Deviation> contributors = new ArrayList<>(2);
    List<Deviation> ctx = new ArrayList<>(1);
    // A signal contributes when it is off by more than the history threshold (far enough that it is not normal), or
    // by its share of a two-signal score: two signals 2.5σ off make a 3.5σ reading, and both are the reason.
    double listed = topTwo ? historyThreshold / Math.sqrt(2) : historyThreshold;
    for (int i = 0; i < names.length; i++) {
      if (Math.abs(z[i]) >= listed) {
        SignalBaseline b = baselines[i];
        (context[i] ? ctx : contributors).add(new Deviation(names[i], values[i], b.expected(hour), b.sigma(),
            z[i]));
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

  /** Per signal, the latest reading's distance from normal in σ (NaN: missing or faulty); for diagnostics. */
  double z(int signal) {
    return z[signal];
  }

  /** Per signal, its baseline in words; for diagnostics. */
  String baseline(int signal) {
    return baselines[signal].toString();
  }

  /**
   * Bytes of state of one station with these options: objects, fields and arrays on a 64-bit JVM with compressed
   * pointers (the signal names are shared by all stations and not counted). The test {@code DetectorCostTest}
   * checks the estimate against the heap.
   */
  public static long estimatedBytes(DetectorOptions o, int signals, int neighbourPairs) {
    long perSignal = 16 + SignalBaseline.estimatedBytes(o) + 16 + FaultWatch.ESTIMATED_BYTES
        + 4 + 4 + 8 + 1 + 1 + 1; // references in the arrays, z, the outlier and context flags
    long arrays = 8 * 16; // headers of the per-signal arrays
    long fixed = 12 + 16 * 4 + 8 * 8 + EventLatch.estimatedBytes(o.getWindow()) + 64; // fields, latch, last state
    return fixed + arrays + signals * perSignal + neighbourPairs * (16 + NeighbourDrift.ESTIMATED_BYTES);
  }
}
