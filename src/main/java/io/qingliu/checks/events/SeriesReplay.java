package io.qingliu.checks.events;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a recorded series through one {@link EventDetector}, row by row in time order, exactly as the server
 * feeds a station's readings, and answers per row whether a water-quality event is active. Rows in which every
 * monitored signal is missing are answered FALSE (nothing was measured), as GECCO scores them.
 */
public final class SeriesReplay {

  /** What the replay saw besides the per-row verdicts. */
  public static final class Tally {
    /** Event alerts opened. */
    public int events;
    /** Events that outlasted the settle time or the timeout and became the new normal. */
    public int resets;
    /** Readings at which each kind of sensor fault held. */
    public final Map<FaultKind, Integer> faultRows = new EnumMap<>(FaultKind.class);
  }

  private SeriesReplay() {}

  /**
   * @param rows {@code rows[r][s]}: the value of signal {@code s} at row {@code r}, NaN when missing
   * @param tally filled with counts when not null
   */
  public static boolean[] predict(DetectorOptions options, List<String> names, Collection<String> context,
      long[] timesMillis, double[][] rows, Tally tally) {
    EventDetector detector = new EventDetector(options, names, context);
    boolean[] monitored = new boolean[names.size()];
    for (int s = 0; s < monitored.length; s++) {
      monitored[s] = !context.contains(names.get(s));
    }
    boolean[] out = new boolean[rows.length];
    boolean was = false;
    for (int r = 0; r < rows.length; r++) {
      EventState state = detector.observe(timesMillis[r], rows[r]);
      out[r] = state.event() && anyMeasured(rows[r], monitored);
      if (tally != null) {
        tally.events += state.event() && !was ? 1 : 0;
        tally.resets += state.baselineReset() ? 1 : 0;
        for (SensorFault f : state.faults()) {
          tally.faultRows.merge(f.kind(), 1, Integer::sum);
        }
      }
      was = state.event();
    }
    return out;
  }

  private static boolean anyMeasured(double[] row, boolean[] monitored) {
    for (int s = 0; s < row.length; s++) {
      if (monitored[s] && !Double.isNaN(row[s])) {
        return true;
      }
    }
    return false;
  }
}
