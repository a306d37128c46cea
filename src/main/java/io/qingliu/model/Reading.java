package io.qingliu.model;

import java.util.Arrays;

/**
 * One timestamped set of values from one station. {@code values} is indexed by {@link Parameter#ordinal()}; a
 * parameter the reading does not carry is {@code NaN} (a station can never send NaN: ingest refuses it).
 */
public record Reading(String stationId, long tsMillis, double[] values) {

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
