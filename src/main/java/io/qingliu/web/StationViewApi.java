package io.qingliu.web;

import io.qingliu.checks.LimitLines;
import io.qingliu.model.Network;
import io.qingliu.model.Parameter;
import io.qingliu.model.Station;
import io.qingliu.store.AlertFilter;
import io.qingliu.store.AlertSearch;
import io.qingliu.store.ChartQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** {@code GET /api/v1/stations/{id}/chart}: what the station view draws, in one answer (docs/api.md). */
final class StationViewApi {

  /** Longest chart range: a year of hourly buckets is still a cheap query, more is a report, not a chart. */
  static final Duration MAX_RANGE = Duration.ofDays(366);
  /** Alerts marked on one chart; more would cover the time axis. */
  static final int MAX_ALERTS = 500;

  private final Network network;
  private final ChartQueries charts;
  private final AlertSearch alerts;
  private final LimitLines limits;
  private final Clock clock;

  StationViewApi(Network network, ChartQueries charts, AlertSearch alerts, LimitLines limits, Clock clock) {
    this.network = network;
    this.charts = charts;
    this.alerts = alerts;
    this.limits = limits;
    this.clock = clock;
  }

  void mount(Router r) {
    r.get("/api/v1/stations/:id/chart").handler(this::chart);
  }

  private void chart(RoutingContext ctx) {
    Station s = network.station(ctx.pathParam("id"));
    if (s == null) {
      Api.error(ctx, 404, "no station " + ctx.pathParam("id"));
      return;
    }
    QueryRange range = QueryRange.of(ctx, clock, Duration.ofDays(1));
    if (range == null) {
      return;
    }
    if (range.span().compareTo(MAX_RANGE) > 0) {
      Api.error(ctx, 400, "a chart covers at most " + MAX_RANGE.toDays() + " days");
      return;
    }
    // A station that declares no parameters may still send any: chart them all.
    List<Parameter> parameters = new ArrayList<>(s.parameters().isEmpty()
        ? EnumSet.allOf(Parameter.class) : EnumSet.copyOf(s.parameters()));
    Future<JsonObject> series = charts.buckets(s.id(), parameters, range.from(), range.to());
    Future<List<JsonObject>> marks = alerts.find(AlertFilter.between(range.from(), range.to()).forStation(s.id()),
        MAX_ALERTS);
    Api.reply(ctx, Future.all(series, marks).map(done -> series.result()
        .put("station", station(s))
        .put("zone", network.timezone())
        .put("from", range.from().toString())
        .put("to", range.to().toString())
        .put("limits", limits(s))
        .put("alerts", new JsonArray(new ArrayList<>(marks.result())))
        .put("cameras", cameras(s.id()))));
  }

  /** {@code {"nh3n":{"max":1.0},"do":{"min":5.0},"ph":{"min":6.0,"max":9.0}}}. */
  private JsonObject limits(Station s) {
    JsonObject out = new JsonObject();
    limits.of(s).forEach((p, b) -> {
      JsonObject line = new JsonObject();
      if (b.min() != null) {
        line.put("min", b.min());
      }
      if (b.max() != null) {
        line.put("max", b.max());
      }
      out.put(p.key(), line);
    });
    return out;
  }

  private static JsonObject station(Station s) {
    return new JsonObject().put("id", s.id()).put("name", s.name()).put("nameEn", s.nameEn())
        .put("kind", s.kind().key()).put("river", s.river()).put("reach", s.reach())
        .put("targetClass", s.targetClass() == 0 ? null : s.targetClass());
  }

  private JsonArray cameras(String stationId) {
    JsonArray out = new JsonArray();
    JsonArray all = network.publicJson().getJsonArray("cameras", new JsonArray());
    for (int i = 0; i < all.size(); i++) {
      JsonObject c = all.getJsonObject(i);
      if (stationId.equals(c.getString("site"))) {
        out.add(c.copy());
      }
    }
    return out;
  }
}
