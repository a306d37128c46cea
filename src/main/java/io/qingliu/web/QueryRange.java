package io.qingliu.web;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time window of a query: {@code from} and {@code to} (ISO-8601 instants), or {@code range} ({@code 24h},
 * {@code 7d}) ending now; {@code to} defaults to now and {@code from} to a default span before it.
 */
record QueryRange(Instant from, Instant to) {

  private static final Pattern SPAN = Pattern.compile("([1-9][0-9]{0,3})([hd])");

  /** The window asked for, or null after answering 400. */
  static QueryRange of(RoutingContext ctx, Clock clock, Duration defaultSpan) {
    var q = ctx.queryParams();
    Instant to;
    Instant from;
    try {
      to = q.contains("to") ? Instant.parse(q.get("to")) : clock.instant();
      Duration span = defaultSpan;
      if (q.contains("range")) {
        Matcher m = SPAN.matcher(q.get("range"));
        if (!m.matches()) {
          Api.error(ctx, 400, "range is hours or days, e.g. 24h, 7d, 30d");
          return null;
        }
        span = m.group(2).equals("h") ? Duration.ofHours(Long.parseLong(m.group(1)))
            : Duration.ofDays(Long.parseLong(m.group(1)));
      }
      from = q.contains("from") ? Instant.parse(q.get("from")) : to.minus(span);
    } catch (DateTimeParseException e) {
      Api.error(ctx, 400, "from and to are ISO-8601 instants, e.g. 2026-11-28T08:00:00Z");
      return null;
    }
    if (!from.isBefore(to)) {
      Api.error(ctx, 400, "from must be before to");
      return null;
    }
    return new QueryRange(from, to);
  }

  Duration span() {
    return Duration.between(from, to);
  }
}
