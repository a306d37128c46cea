package io.qingliu.web;

import static io.qingliu.web.Api.error;

import io.qingliu.model.Network;
import io.qingliu.model.Station;
import io.qingliu.model.StationSettings;
import io.qingliu.shard.StationShards;
import io.qingliu.store.StationSettingsStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A station's settings ({@link StationSettings}): everyone may read them and their history, an admin changes them.
 * A change is stored as a new version, then the network and the station's checks follow it at once: alerts the new
 * settings no longer justify are resolved with a note saying why, conditions they now make firing open alerts.
 */
final class StationAdminApi {

  /** Versions listed with a station's settings. */
  static final int HISTORY = 50;
  /** Changes of one station wait for each other this long before answering 503. */
  static final long LOCK_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Network network;
  private final StationShards shards;
  private final StationSettingsStore store;
  private final Clock clock;

  StationAdminApi(Vertx vertx, Network network, StationShards shards, StationSettingsStore store, Clock clock) {
    this.vertx = vertx;
    this.network = network;
    this.shards = shards;
    this.store = store;
    this.clock = clock;
  }

  void mount(Router r) {
    r.get("/api/v1/stations/:id/settings").handler(this::read);
    r.put("/api/v1/stations/:id/settings").handler(this::change);
  }

  private void read(RoutingContext ctx) {
    Station s = network.station(ctx.pathParam("id"));
    if (s == null) {
      error(ctx, 404, "no station " + ctx.pathParam("id"));
      return;
    }
    Api.reply(ctx, store.history(s.id(), HISTORY).map(versions -> new JsonObject()
        .put("stationId", s.id())
        .put("settings", StationSettings.of(s).toJson())
        .put("versions", new JsonArray(versions.stream().map(StationSettingsStore.Version::toJson).toList()))));
  }

  /** A JSON object with the fields to change (the others keep their value). */
  private void change(RoutingContext ctx) {
    if (!Api.admin(ctx, "stations")) {
      return;
    }
    String id = ctx.pathParam("id");
    if (network.station(id) == null) {
      error(ctx, 404, "no station " + id);
      return;
    }
    JsonObject changes = Api.bodyJson(ctx);
    if (changes == null) {
      return;
    }
    String by = Api.officer(ctx).username();
    // One change of a station at a time, across the HTTP verticles: each is merged onto the one before.
    vertx.sharedData().getLocalLockWithTimeout("qingliu.station-settings." + id, LOCK_TIMEOUT_MS).onComplete(lock -> {
      if (lock.failed()) {
        error(ctx, 503, "another change of " + id + " is still being applied; try again");
        return;
      }
      apply(ctx, network.station(id), changes, by).onComplete(done -> lock.result().release());
    });
  }

  private Future<Void> apply(RoutingContext ctx, Station current, JsonObject changes, String by) {
    StationSettings before = StationSettings.of(current);
    StationSettings after;
    try {
      after = StationSettings.merge(current, changes);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return Future.succeededFuture();
    }
    if (after.equals(before)) {
      ctx.json(new JsonObject().put("stationId", current.id()).put("settings", before.toJson()).put("changed", false));
      return Future.succeededFuture();
    }
    return store.save(current.id(), after, by, clock.millis())
        .compose(version -> {
          Station updated = network.update(current.id(), after);
          return shards.of(current.id()).update(updated, note(by, before, after))
              .map(status -> version.toJson().put("changed", true).put("status", status));
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail)
        .mapEmpty();
  }

  /** What resolves an alert the new settings no longer justify, in its trail: who changed what. */
  static String note(String by, StationSettings before, StationSettings after) {
    JsonObject was = before.toJson();
    JsonObject now = after.toJson();
    List<String> changed = new ArrayList<>();
    for (String field : now.fieldNames()) {
      if (!now.getValue(field).equals(was.getValue(field))) {
        changed.add(field + " " + was.getValue(field) + " → " + now.getValue(field));
      }
    }
    return by + " 修改了站点设置（" + String.join("，", changed) + "），按新设置该告警条件已不成立";
  }
}
