package io.qingliu.web;

import io.qingliu.model.AlertKind;
import io.qingliu.model.Network;
import io.qingliu.model.Severity;
import io.qingliu.store.AlertFilter;
import io.qingliu.store.AlertSearch;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Alert history: {@code GET /api/v1/alerts/history} (JSON) and {@code /api/v1/alerts/history.csv} (docs/api.md). */
final class AlertHistoryApi {

  static final int DEFAULT_LIMIT = 500;
  /** Most rows one answer holds; the CSV says it was cut with {@code X-Qingliu-Truncated: true}. */
  static final int MAX_LIMIT = 10_000;
  private static final Set<String> KINDS = Arrays.stream(AlertKind.values()).map(AlertKind::key)
      .collect(Collectors.toSet());
  private static final Set<String> SEVERITIES = Arrays.stream(Severity.values()).map(Severity::key)
      .collect(Collectors.toSet());
  private static final Set<String> STATES = Set.of("open", "acknowledged", "resolved");

  private final Network network;
  private final AlertSearch search;
  private final AlertCsv csv;
  private final Clock clock;

  AlertHistoryApi(Network network, AlertSearch search, Clock clock) {
    this.network = network;
    this.search = search;
    this.csv = new AlertCsv(ZoneId.of(network.timezone()));
    this.clock = clock;
  }

  void mount(Router r) {
    r.get("/api/v1/alerts/history").handler(this::json);
    r.get("/api/v1/alerts/history.csv").handler(this::csv);
  }

  private record Query(AlertFilter filter, int limit) {}

  private void json(RoutingContext ctx) {
    Query q = query(ctx);
    if (q == null) {
      return;
    }
    // One row more than asked tells whether the answer was cut.
    Api.reply(ctx, search.find(q.filter(), q.limit() + 1).map(rows -> new JsonObject()
        .put("from", q.filter().from().toString()).put("to", q.filter().to().toString())
        .put("zone", network.timezone()).put("truncated", rows.size() > q.limit())
        .put("alerts", new JsonArray(new ArrayList<>(rows.subList(0, Math.min(rows.size(), q.limit())))))));
  }

  private void csv(RoutingContext ctx) {
    Query q = query(ctx);
    if (q == null) {
      return;
    }
    search.find(q.filter(), q.limit() + 1).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      List<JsonObject> rows = ar.result();
      ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
          .putHeader("content-disposition", "attachment; filename=\"qingliu-alerts.csv\"")
          .putHeader("X-Qingliu-Truncated", String.valueOf(rows.size() > q.limit()))
          .end(csv.write(rows.subList(0, Math.min(rows.size(), q.limit()))));
    });
  }

  /** The search asked for, or null after answering 400. */
  private Query query(RoutingContext ctx) {
    QueryRange range = QueryRange.of(ctx, clock, Duration.ofDays(7));
    if (range == null) {
      return null;
    }
    var p = ctx.queryParams();
    String station = blankToNull(p.get("station"));
    if (station != null && network.station(station) == null) {
      Api.error(ctx, 400, "no station " + station);
      return null;
    }
    String kind = blankToNull(p.get("kind"));
    String severity = blankToNull(p.get("severity"));
    String state = blankToNull(p.get("state"));
    if (!oneOf(ctx, "kind", kind, KINDS) || !oneOf(ctx, "severity", severity, SEVERITIES)
        || !oneOf(ctx, "state", state, STATES)) {
      return null;
    }
    int limit = DEFAULT_LIMIT;
    if (p.contains("limit")) {
      try {
        limit = Integer.parseInt(p.get("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        Api.error(ctx, 400, "limit is 1.." + MAX_LIMIT);
        return null;
      }
    }
    return new Query(new AlertFilter(range.from(), range.to(), station, kind, severity, state), limit);
  }

  private static boolean oneOf(RoutingContext ctx, String name, String value, Set<String> allowed) {
    if (value == null || allowed.contains(value)) {
      return true;
    }
    Api.error(ctx, 400, name + " is one of " + allowed.stream().sorted().collect(Collectors.joining(", ")));
    return false;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
