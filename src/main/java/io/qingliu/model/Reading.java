package io.qingliu.model;

import java.util.Arrays;

/**
 * One timestamped set of values from one station. {@code values} is indexed by {@link Parameter#ordinal()}; a
 * parameter the reading does not carry is {@code NaN} (a station can never send NaN: ingest refuses it).
 *
 * @param flags the station's data flag per value (HJ 212 Table 8: N, F, M, S, D, C, T, B, P, or a province's own),
 *     indexed like {@code values}; null when the reading carries no flags, and a null entry means "N" (normal)
 */
public record Reading(String stationId, long tsMillis, double[] values, String[] flags) {

  public Reading(String stationId, long tsMillis, double[] values) {
    this(stationId, tsMillis, values, null);
  }

  /** The value's flag; "N" when none was sent. */
  public String flag(int ordinal) {
    String f = flags == null ? null : flags[ordinal];
    return f == null ? "N" : f;
  }

  public static double[] emptyValues() {
    double[] v = new double[Parameter.COUNT];
    Arrays.fill(v, Double.NaN);
    return v;
  }

  public boolean has(Parameter p) {
    return !Double.isNaN(values[p.ordinal()]);
  }

  public double get(Parameter p) {
    return values[p.ordinal()];
  }
}
