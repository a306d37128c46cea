package io.qingliu.model;

import java.util.Locale;

/** What a station is; it decides which checks apply (outfalls answer to their permit, rivers to GB 3838). */
public enum StationKind {
  MICRO, NATIONAL, FINGERPRINT, OUTFALL;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StationKind of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
