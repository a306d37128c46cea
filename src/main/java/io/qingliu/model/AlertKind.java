package io.qingliu.model;

import java.util.Locale;

/** What an alert is about. One alert is open at most per (station, kind, parameter). */
public enum AlertKind {
  /** A regulated parameter worse than the station's target class (or an outfall's permit), debounced. */
  EXCEEDANCE,
  /** A regulated parameter worsened faster than its allowed change within the window, debounced. */
  RATE,
  /** The station stopped reporting. */
  OFFLINE,
  /** The instrument reports a fault (HJ 212 flag D) or a communication fault (B) for one parameter. */
  DEVICE,
  /** A multivariate departure from the station's own normal behaviour (the event detector), within limits or not. */
  EVENT,
  /** The event detector judges a sensor faulty (out of range, spike, flatline, drift): not the river's doing. */
  SENSOR,
  /**
   * A tracing station's fluorescence (EEM) departs from its recent normal spectra; the alert's detail names the
   * suspected upstream enterprises, or an unknown source.
   */
  FLUORESCENCE;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlertKind of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
