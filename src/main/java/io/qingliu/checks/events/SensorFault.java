package io.qingliu.checks.events;

import java.util.Locale;

/**
 * One sensor fault that holds at a reading.
 *
 * @param signal the faulty signal (for {@link FaultKind#DRIFT}, the pair as {@code "a/b"})
 * @param sinceMillis when the fault began (for a spike, the time of the spiking reading)
 * @param value the offending value (the stuck value, the spike, the out-of-range value, the drifted difference)
 */
public record SensorFault(String signal, FaultKind kind, long sinceMillis, double value) {

  /** E.g. {@code "pH 单点跳变 (值 12.3)"}. */
  public String describe() {
    return signal + " " + kind.words() + "（值 " + String.format(Locale.ROOT, "%.4g", value) + "）";
  }
}
