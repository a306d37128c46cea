package io.qingliu.web;

import io.qingliu.model.Network;
import io.qingliu.store.HandoverQueries;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /api/v1/handover?hours=N}: the shift handover summary of the last N hours (docs/api.md). */
final class HandoverApi {

  static final int DEFAULT_HOURS = 8;
  /** Three days: a long weekend's handover. */
  static final int MAX_HOURS = 72;

  private final Network network;
  private final HandoverQueries queries;
  private final Clock clock;

  HandoverApi(Network network, HandoverQueries queries, Clock clock) {
    this.network = network;
    this.queries = queries;
    this.clock = clock;
  }

  void mount(Router r) {
    r.get("/api/v1/handover").handler(this::handover);
  }

  private void handover(RoutingContext ctx) {
    int hours = DEFAULT_HOURS;
    String h = ctx.queryParams().get("hours");
    if (h != null) {
      try {
        hours = Integer.parseInt(h);
      } catch (NumberFormatException e) {
        hours = -1;
      }
      if (hours < 1 || hours > MAX_HOURS) {
        Api.error(ctx, 400, "hours is 1.." + MAX_HOURS);
        return;
      }
    }
    Instant to = clock.instant();
    Instant from = to.minus(Duration.ofHours(hours));
    int span = hours;
    Api.reply(ctx, queries.summary(from, to).map(summary -> summary.put("from", from.toString())
        .put("to", to.toString()).put("hours", span).put("zone", network.timezone())));
  }
}
