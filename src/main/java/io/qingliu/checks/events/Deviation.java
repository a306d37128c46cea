package io.qingliu.checks.events;

import java.util.Locale;

/**
 * How far one signal is from its normal at a reading: the value, the station's own recent level for it, and the
 * distance in units and in σ (its typical spread).
 */
public record Deviation(String signal, double value, double level, double sigma, double z) {

  public double delta() {
    return value - level;
  }

  /** E.g. {@code "pH 8.57（常态 8.35，+0.22，15σ）"}. */
  public String describe() {
    return signal + " " + fmt(value) + "（常态 " + fmt(level) + "，" + (delta() >= 0 ? "+" : "") + fmt(delta()) + "，"
        + String.format(Locale.ROOT, "%.0f", Math.abs(z)) + "σ）";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
