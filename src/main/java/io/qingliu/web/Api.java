package io.qingliu.web;

import io.qingliu.alerts.AlertBus;
import io.qingliu.alerts.AlertChange;
import io.qingliu.ingest.RejectLog;
import io.qingliu.model.Network;
import io.qingliu.shard.StationShards;
import io.qingliu.store.AlertStore;
import io.qingliu.store.EemStore;
import io.qingliu.store.ReadingQueries;
import io.qingliu.web.auth.Officer;
import io.qingliu.web.auth.OfficerDirectory;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.function.BiFunction;

/** The JSON API under {@code /api/v1} (docs/api.md). Every route but login needs a logged-in officer. */
final class Api {

  static final String SESSION_OFFICER = "officer";
  /** Longest comment an officer can attach. */
  static final int MAX_COMMENT = 2_000;
  /** Longest username an alert can be assigned to. */
  static final int MAX_NAME = 100;

  private final Network network;
  private final StationShards shards;
  private final AlertStore alerts;
  private final AlertBus bus;
  private final ReadingQueries readings;
  private final RejectLog rejects;
  private final OfficerDirectory officers;
  private final EemStore spectra;
  private final Clock clock;

  Api(Network network, StationShards shards, AlertStore alerts, AlertBus bus, ReadingQueries readings,
      RejectLog rejects, OfficerDirectory officers, EemStore spectra, Clock clock) {
    this.network = network;
    this.shards = shards;
    this.alerts = alerts;
    this.bus = bus;
    this.readings = readings;
    this.rejects = rejects;
    this.officers = officers;
    this.spectra = spectra;
    this.clock = clock;
  }

  void mount(Router r) {
    r.get("/api/v1/session").handler(Api::session);
    r.post("/api/v1/login").handler(this::login);
    r.route("/api/*").handler(Api::requireOfficer);
    r.post("/api/v1/logout").handler(this::logout);
    r.get("/api/v1/me").handler(ctx -> ctx.json(officer(ctx).toJson()));
    r.get("/api/v1/network").handler(ctx -> ctx.json(network.publicJson()));
    r.get("/api/v1/stations").handler(ctx -> reply(ctx, shards.statuses()));
    r.get("/api/v1/stations/:id/readings").handler(this::readings);
    r.get("/api/v1/stations/:id/rejects").handler(this::rejects);
    r.get("/api/v1/stations/:id/eem").handler(ctx -> range(ctx, (id, from, to) -> spectra.list(id, from, to)));
    r.get("/api/v1/stations/:id/eem/:ts").handler(this::spectrum);
    r.get("/api/v1/alerts").handler(this::alerts);
    r.post("/api/v1/alerts/:id/ack").handler(ctx -> act(ctx, (id, o) ->
        alerts.acknowledge(id, o.username(), text(ctx, "comment"), clock.millis())));
    r.post("/api/v1/alerts/:id/resolve").handler(ctx -> act(ctx, (id, o) ->
        alerts.resolve(id, o.username(), text(ctx, "comment"), clock.millis())));
    r.post("/api/v1/alerts/:id/assign").handler(ctx -> act(ctx, (id, o) ->
        alerts.assign(id, o.username(), text(ctx, "assignee"), clock.millis())));
    r.post("/api/v1/alerts/:id/comment").handler(ctx -> act(ctx, (id, o) -> text(ctx, "comment") == null
        ? Future.failedFuture(new ApiError(400, "comment is required"))
        : alerts.comment(id, o.username(), text(ctx, "comment"), clock.millis())));
    r.get("/api/v1/alerts/:id/trail").handler(this::trail);
  }

  private void trail(RoutingContext ctx) {
    Long id = alertId(ctx);
    if (id != null) {
      reply(ctx, alerts.trail(id).map(events -> new JsonArray(new ArrayList<>(events))));
    }
  }

  /** The alert id of the path, or null after answering 404 when it is not one. */
  private static Long alertId(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      error(ctx, 404, "no alert " + ctx.pathParam("id"));
      return null;
    }
  }

  static Officer officer(RoutingContext ctx) {
    JsonObject o = ctx.session() == null ? null : ctx.session().get(SESSION_OFFICER);
    return o == null ? null : Officer.fromJson(o);
  }

  /** Whether the officer is an admin; otherwise answers 403 saying they cannot change {@code what}. */
  static boolean admin(RoutingContext ctx, String what) {
    Officer o = officer(ctx);
    if (!o.isAdmin()) {
      error(ctx, 403, "role " + o.role() + " cannot change " + what + ": only an admin can");
      return false;
    }
    return true;
  }

  static void requireOfficer(RoutingContext ctx) {
    if (officer(ctx) == null) {
      error(ctx, 401, "log in first");
    } else {
      ctx.next();
    }
  }

  /**
   * Who is logged in, answered 200 either way: a page calls it first, and the session it opens carries the XSRF token
   * the login POST must echo (error responses do not store sessions).
   */
  private static void session(RoutingContext ctx) {
    Officer o = officer(ctx);
    ctx.json(new JsonObject().put("authenticated", o != null).put("officer", o == null ? null : o.toJson()));
  }

  private void login(RoutingContext ctx) {
    JsonObject body = bodyJson(ctx);
    if (body == null) {
      return;
    }
    String username = body.getString("username");
    String password = body.getString("password");
    if (username == null || password == null) {
      error(ctx, 400, "username and password are required");
      return;
    }
    officers.login(username, password).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result() == null) {
        error(ctx, 401, "wrong username or password");
      } else {
        ctx.session().regenerateId();
        ctx.session().put(SESSION_OFFICER, ar.result().toJson());
        ctx.json(ar.result().toJson());
      }
    });
  }

  private void logout(RoutingContext ctx) {
    ctx.session().destroy();
    ctx.response().setStatusCode(204).end();
  }

  private void readings(RoutingContext ctx) {
    range(ctx, (id, from, to) -> readings.range(id, from, to)
        .map(rows -> new JsonObject().put("station", id).put("readings", rows)));
  }

  /** A station's data between {@code from} and {@code to} (ISO-8601; the last 24 hours by default). */
  private interface RangeQuery {
    Future<?> run(String stationId, Instant from, Instant to);
  }

  private void range(RoutingContext ctx, RangeQuery query) {
    String id = ctx.pathParam("id");
    if (network.station(id) == null) {
      error(ctx, 404, "no station " + id);
      return;
    }
    QueryRange range = QueryRange.of(ctx, clock, Duration.ofDays(1));
    if (range == null) {
      return;
    }
    reply(ctx, query.run(id, range.from(), range.to()));
  }

  private void spectrum(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Instant ts;
    try {
      ts = Instant.parse(ctx.pathParam("ts"));
    } catch (DateTimeParseException e) {
      error(ctx, 400, "the spectrum's time is an ISO-8601 instant");
      return;
    }
    spectra.get(id, ts).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result() == null) {
        error(ctx, 404, "no spectrum of " + id + " at " + ts);
      } else {
        ctx.json(ar.result());
      }
    });
  }

  private void rejects(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (network.station(id) == null) {
      error(ctx, 404, "no station " + id);
    } else {
      ctx.json(rejects.recent(id));
    }
  }

  private void alerts(RoutingContext ctx) {
    String state = ctx.queryParams().get("state");
    state = state == null ? "open" : state;
    if (!state.matches("open|visible|resolved|all")) {
      error(ctx, 400, "state is one of open, visible, resolved, all");
      return;
    }
    reply(ctx, alerts.list(state, 1_000).map(list -> new JsonArray(new ArrayList<>(list))));
  }

  /** An officer's action on one alert: only officers and admins; 409 when it had already been done. */
  private void act(RoutingContext ctx, BiFunction<Long, Officer, Future<AlertChange>> action) {
    Officer o = officer(ctx);
    if (!o.canAct()) {
      error(ctx, 403, "role " + o.role() + " cannot change alerts");
      return;
    }
    Long id = alertId(ctx);
    if (id == null) {
      return;
    }
    if (ctx.body().length() > 0 && bodyJson(ctx) == null) {
      return;
    }
    String comment = text(ctx, "comment");
    if (comment != null && comment.length() > MAX_COMMENT) {
      error(ctx, 400, "comment longer than " + MAX_COMMENT + " characters");
      return;
    }
    String assignee = text(ctx, "assignee");
    if (assignee != null && assignee.length() > MAX_NAME) {
      error(ctx, 400, "assignee longer than " + MAX_NAME + " characters");
      return;
    }
    action.apply(id, o).compose(change -> {
      if (change != null) {
        bus.publish(change);
        return Future.succeededFuture(change.alert());
      }
      return alerts.get(id).map(current -> {
        if (current == null) {
          throw new ApiError(404, "no alert " + id);
        }
        throw new ApiError(409, "alert " + id + " is already " + current.getString("state"));
      });
    }).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.json(ar.result());
      } else if (ar.cause() instanceof ApiError e) {
        error(ctx, e.status, e.getMessage());
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  /** A text field of the request's JSON body, stripped; null when absent or blank. */
  private static String text(RoutingContext ctx, String field) {
    JsonObject body = ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    String c = body == null ? null : body.getString(field);
    return c == null || c.isBlank() ? null : c.strip();
  }

  static JsonObject bodyJson(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        error(ctx, 400, "expected a JSON object body");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      error(ctx, 400, "malformed JSON body");
      return null;
    }
  }

  static <T> void reply(RoutingContext ctx, Future<T> result) {
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.json(ar.result());
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }

  private static final class ApiError extends RuntimeException {
    final int status;

    ApiError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
