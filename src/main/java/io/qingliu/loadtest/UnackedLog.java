package io.qingliu.loadtest;

import java.util.Arrays;

/**
 * Readings that were sent but never acknowledged (in flight when the run ended or the connection dropped, PUBACK
 * expired, HTTP items refused): the server may or may not have stored them, so reconciliation looks each one up to
 * tell "stored although unacknowledged" apart from "acknowledged but lost". Bounded: past {@link #MAX} entries it
 * only counts, and the reconciliation says its figure is a lower bound.
 */
final class UnackedLog {

  static final int MAX = 2_000_000;

  private int[] stations = new int[1024];
  private long[] ts = new long[1024];
  private int size;
  private long overflow;

  synchronized void add(int station, long tsMillis) {
    if (size == MAX) {
      overflow++;
      return;
    }
    if (size == ts.length) {
      int cap = Math.min(MAX, size * 2);
      stations = Arrays.copyOf(stations, cap);
      ts = Arrays.copyOf(ts, cap);
    }
    stations[size] = station;
    ts[size] = tsMillis;
    size++;
  }

  synchronized int size() {
    return size;
  }

  synchronized long overflow() {
    return overflow;
  }

  synchronized int stationAt(int i) {
    return stations[i];
  }

  synchronized long tsAt(int i) {
    return ts[i];
  }
}
