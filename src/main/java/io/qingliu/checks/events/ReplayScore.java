package io.qingliu.checks.events;

import java.util.Arrays;
import java.util.Locale;

/**
 * How well predictions match labels, computed exactly like {@code score_gecco.py} (GECCO 2018): pointwise F1 with no
 * tolerance window (F1 = 0 when undefined), plus the event-level figures a duty officer cares about: events with at
 * least one alarmed row, false-alarm episodes (alarm runs touching no event row) per day, and the median delay from
 * an event's first row to its first alarmed row.
 */
public record ReplayScore(
    double f1,
    double precision,
    double recall,
    int events,
    int eventsDetected,
    double falseAlarmEpisodesPerDay,
    Double medianDelayMin,
    long tp,
    long fp,
    long fn,
    int rows,
    double days,
    int alarmEpisodes,
    int falseAlarmEpisodes) {

  /** Scores all rows. */
  public static ReplayScore of(boolean[] labels, boolean[] predicted, long[] timesMillis) {
    return of(labels, predicted, timesMillis, 0, labels.length);
  }

  /** Scores the rows {@code [from, to)} only (one split of a time-ordered cross-validation). */
  public static ReplayScore of(boolean[] labels, boolean[] predicted, long[] timesMillis, int from, int to) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int i = from; i < to; i++) {
      tp += labels[i] && predicted[i] ? 1 : 0;
      fp += !labels[i] && predicted[i] ? 1 : 0;
      fn += labels[i] && !predicted[i] ? 1 : 0;
    }
    double precision = tp + fp > 0 ? (double) tp / (tp + fp) : 0;
    double recall = tp + fn > 0 ? (double) tp / (tp + fn) : 0;
    double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;

    int events = 0;
    int detected = 0;
    double[] delays = new double[to - from];
    for (int s = from; s < to; ) {
      if (!labels[s]) {
        s++;
        continue;
      }
      int e = s;
      while (e < to && labels[e]) {
        e++;
      }
      events++;
      for (int i = s; i < e; i++) {
        if (predicted[i]) {
          delays[detected++] = (timesMillis[i] - timesMillis[s]) / 60_000.0;
          break;
        }
      }
      s = e;
    }
    int alarms = 0;
    int falseAlarms = 0;
    for (int s = from; s < to; ) {
      if (!predicted[s]) {
        s++;
        continue;
      }
      int e = s;
      boolean touches = false;
      while (e < to && predicted[e]) {
        touches |= labels[e];
        e++;
      }
      alarms++;
      falseAlarms += touches ? 0 : 1;
      s = e;
    }
    // As the scorer: the span of the rows plus one minute.
    double days = to > from ? (timesMillis[to - 1] - timesMillis[from] + 60_000) / 86_400_000.0 : 0;
    Double median = null;
    if (detected > 0) {
      double[] d = Arrays.copyOf(delays, detected);
      Arrays.sort(d);
      int m = detected / 2;
      median = detected % 2 == 1 ? d[m] : (d[m - 1] + d[m]) / 2;
    }
    return new ReplayScore(f1, precision, recall, events, detected, days > 0 ? falseAlarms / days : 0, median,
        tp, fp, fn, to - from, days, alarms, falseAlarms);
  }

  /** The replay command's last line: {@code {"f1":…,"precision":…,"recall":…,"events":…,…}}. */
  public String toJson() {
    return String.format(Locale.ROOT,
        "{\"f1\":%s,\"precision\":%s,\"recall\":%s,\"events\":%d,\"events_detected\":%d,"
            + "\"false_alarm_episodes_per_day\":%s,\"median_delay_min\":%s}",
        round(f1, 6), round(precision, 6), round(recall, 6), events, eventsDetected,
        round(falseAlarmEpisodesPerDay, 4), medianDelayMin == null ? "null" : round(medianDelayMin, 3));
  }

  private static String round(double v, int digits) {
    return java.math.BigDecimal.valueOf(v).setScale(digits, java.math.RoundingMode.HALF_EVEN)
        .stripTrailingZeros().toPlainString();
  }

  /** One line for logs and the cross-validation table. */
  public String summary() {
    return String.format(Locale.ROOT, "F1 %.3f (P %.3f R %.3f)  events %d/%d  false alarms %.2f/day  delay %s min",
        f1, precision, recall, eventsDetected, events, falseAlarmEpisodesPerDay,
        medianDelayMin == null ? "-" : String.format(Locale.ROOT, "%.1f", medianDelayMin));
  }
}
