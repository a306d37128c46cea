package io.qingliu.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The pg client binds {@code timestamptz} parameters as {@link OffsetDateTime}, not {@link Instant}. */
final class Timestamps {

  private Timestamps() {}

  static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
