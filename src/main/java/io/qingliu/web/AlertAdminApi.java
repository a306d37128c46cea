package io.qingliu.web;

import static io.qingliu.web.Api.error;
import static io.qingliu.web.Api.officer;

import io.qingliu.alerts.AlertOptions;
import io.qingliu.alerts.AlertRules;
import io.qingliu.alerts.AlertSweeper;
import io.qingliu.alerts.Silence;
import io.qingliu.model.AlertKind;
import io.qingliu.model.Network;
import io.qingliu.model.Parameter;
import io.qingliu.shard.StationShards;
import io.qingliu.store.AlertRuleStore;
import io.qingliu.store.SilenceStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an admin sets on the alert desk; everyone may read it. Silences and maintenance windows
 * ({@code /api/v1/silences}) say who set them, why and until when, and the sweeper mutes the alerts they cover as soon
 * as they are set. The alert rules ({@code /api/v1/alert-rules}) are versioned: each set is kept with who set it.
 */
final class AlertAdminApi {

  /** Longest silence: a maintenance that needs longer is a station out of service, not a silence. */
  static final Duration MAX_LENGTH = Duration.ofDays(30);
  static final int MAX_REASON = 500;

  private static final Logger LOG = LoggerFactory.getLogger(AlertAdminApi.class);

  private final Network network;
  private final StationShards shards;
  private final SilenceStore silences;
  private final AlertSweeper sweeper;
  private final AlertOptions options;
  private final AlertRules rules;
  private final AlertRuleStore ruleStore;
  private final Clock clock;

  AlertAdminApi(Network network, StationShards shards, SilenceStore silences, AlertSweeper sweeper,
      AlertOptions options, AlertRules rules, AlertRuleStore ruleStore, Clock clock) {
    this.network = network;
    this.shards = shards;
    this.silences = silences;
    this.sweeper = sweeper;
    this.options = options;
    this.rules = rules;
    this.ruleStore = ruleStore;
    this.clock = clock;
  }

  void mount(Router r) {
    r.get("/api/v1/silences").handler(ctx -> Api.reply(ctx, silences.current(clock.millis())
        .map(list -> new JsonArray(list.stream().map(Silence::toJson).toList()))));
    r.post("/api/v1/silences").handler(this::create);
    r.post("/api/v1/silences/:id/cancel").handler(this::cancel);
    r.get("/api/v1/alert-rules").handler(ctx -> ctx.json(rules.current().toJson()
        .put("escalation", new JsonObject().put("everyMinutes", options.getEscalateEveryMinutes())
            .put("severities", new JsonArray(options.getEscalate().stream().map(s -> s.key()).toList()))
            .put("webhook", options.getWebhook() != null))));
    r.put("/api/v1/alert-rules").handler(this::setRules);
  }

  private static boolean admin(RoutingContext ctx) {
    return Api.admin(ctx, "silences or alert rules");
  }

  /** {@code {"rules":[…]}}: the whole list, in order; it replaces the rules in force from the next finding on. */
  private void setRules(RoutingContext ctx) {
    if (!admin(ctx)) {
      return;
    }
    JsonObject b = Api.bodyJson(ctx);
    if (b == null) {
      return;
    }
    JsonArray list;
    try {
      list = b.getJsonArray("rules");
      if (list == null) {
        error(ctx, 400, "rules (a list) is required");
        return;
      }
      AlertRules.parse(list);
    } catch (IllegalArgumentException | ClassCastException e) {
      error(ctx, 400, "rules: " + e.getMessage());
      return;
    }
    ruleStore.save(list, officer(ctx).username(), clock.millis()).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      AlertRules.Version before = rules.current();
      rules.replace(ar.result());
      if (before.counts() || ar.result().counts()) {
        // A k of n lives in each station's checks: they are built anew under the new rules, their history replayed.
        // Readings that arrive meanwhile are held and replayed too, so nothing waits for it.
        String note = ar.result().setBy() + " 修改了告警规则（版本 " + ar.result().version() + "），按新规则该告警条件已不成立";
        shards.rebuildAll(note).onFailure(e -> LOG.warn("rebuilding the checks for rules version {} failed: {}",
            ar.result().version(), e.getMessage()));
      }
      ctx.json(ar.result().toJson());
    });
  }

  /** {@code {"stationId","kind","parameter","reason","startsAt","endsAt" or "minutes"}}; absent = any. */
  private void create(RoutingContext ctx) {
    if (!admin(ctx)) {
      return;
    }
    JsonObject b = Api.bodyJson(ctx);
    if (b == null) {
      return;
    }
    String station = b.getString("stationId");
    String kind = b.getString("kind");
    String parameter = b.getString("parameter");
    String reason = b.getString("reason");
    if (station != null && network.station(station) == null) {
      error(ctx, 400, "no station " + station);
      return;
    }
    if (kind != null && !validKind(kind)) {
      error(ctx, 400, "kind is one of " + Arrays.stream(AlertKind.values()).map(AlertKind::key).toList());
      return;
    }
    if (parameter != null && Parameter.byKey(parameter) == null) {
      error(ctx, 400, "no parameter " + parameter);
      return;
    }
    if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
      error(ctx, 400, "a reason of 1 to " + MAX_REASON + " characters is required");
      return;
    }
    Instant now = clock.instant();
    Instant starts;
    Instant ends;
    try {
      starts = b.containsKey("startsAt") ? Instant.parse(b.getString("startsAt")) : now;
      ends = b.containsKey("endsAt") ? Instant.parse(b.getString("endsAt"))
          : starts.plus(Duration.ofMinutes(b.getLong("minutes", 0L)));
    } catch (DateTimeException | ArithmeticException | ClassCastException e) { // unparseable, or minutes past any date
      error(ctx, 400, "startsAt and endsAt are ISO-8601 instants, minutes a number");
      return;
    }
    if (!ends.isAfter(starts) || !ends.isAfter(now) || Duration.between(starts, ends).compareTo(MAX_LENGTH) > 0) {
      error(ctx, 400, "a silence ends after it starts, in the future, and lasts at most " + MAX_LENGTH.toDays()
          + " days");
      return;
    }
    silences.create(station, kind, parameter == null ? null : Parameter.byKey(parameter).key(), reason.strip(),
            officer(ctx).username(), now.toEpochMilli(), starts.toEpochMilli(), ends.toEpochMilli())
        .compose(s -> sweeper.sweep().map(s))
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.response().setStatusCode(201);
            ctx.json(ar.result().toJson());
          }
        });
  }

  private static boolean validKind(String kind) {
    try {
      AlertKind.of(kind);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void cancel(RoutingContext ctx) {
    if (!admin(ctx)) {
      return;
    }
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      error(ctx, 404, "no silence " + ctx.pathParam("id"));
      return;
    }
    silences.cancel(id, officer(ctx).username(), clock.millis())
        .compose(s -> s == null ? Future.<Silence>succeededFuture(null) : sweeper.sweep().map(s))
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else if (ar.result() == null) {
            error(ctx, 404, "no running or future silence " + id);
          } else {
            ctx.json(ar.result().toJson());
          }
        });
  }
}
