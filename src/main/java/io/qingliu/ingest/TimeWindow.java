package io.qingliu.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Which measurement times ingest accepts: not further ahead of the server clock than a station clock can drift, not
 * older than backfill is allowed to reach. The same window for every protocol.
 */
public final class TimeWindow {

  private final Clock clock;
  private final long maxFutureMillis;
  private final long maxAgeMillis;

  public TimeWindow(Clock clock, long maxFutureSeconds, long maxAgeDays) {
    this.clock = clock;
    this.maxFutureMillis = maxFutureSeconds * 1000;
    this.maxAgeMillis = maxAgeDays * 86_400_000L;
  }

  /**
   * Null when {@code ts} is acceptable, otherwise the reject saying why not.
   *
   * @param field where the time was read (see {@link Reject#path})
   */
  public Reject check(long ts, int item, String field) {
    long now = clock.millis();
    if (ts > now + maxFutureMillis) {
      return new Reject(RejectReason.TS_IN_FUTURE, item, Reject.path(item, field), Instant.ofEpochMilli(ts) + " is more than "
          + maxFutureMillis / 1000 + " s ahead of the server clock " + Instant.ofEpochMilli(now));
    }
    if (ts < now - maxAgeMillis) {
      return new Reject(RejectReason.TS_TOO_OLD, item, Reject.path(item, field), Instant.ofEpochMilli(ts) + " is older than "
          + maxAgeMillis / 86_400_000L + " days");
    }
    return null;
  }

  /** A measurement time read from JSON, and why it is not acceptable (null when it is). */
  public record Read(long ts, Reject problem) {}

  /**
   * Reads a JSON measurement time, epoch milliseconds or ISO-8601 with an offset (a time without one is ambiguous),
   * and checks it against the window.
   */
  public Read read(JsonParser p, JsonToken t, int item, String field) throws IOException {
    long ts;
    try {
      ts = parse(p, t);
    } catch (DateTimeException | IllegalArgumentException e) {
      return new Read(Long.MIN_VALUE, new Reject(RejectReason.BAD_TS, item, Reject.path(item, field),
          "'" + p.getText() + "' is not an ISO-8601 time with offset nor epoch milliseconds"));
    }
    return new Read(ts, check(ts, item, field));
  }

  private static long parse(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      return IsoInstant.parseMillis(p.getText());
    }
    p.skipChildren();
    throw new IllegalArgumentException("not a time");
  }
}
