package io.qingliu.model;

import java.util.Locale;

/** Alert severities, in ThingsBoard's vocabulary that duty officers already know; the order is most severe first. */
public enum Severity {
  CRITICAL, MAJOR, MINOR, WARNING;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
