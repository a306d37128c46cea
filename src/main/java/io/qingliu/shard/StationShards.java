package io.qingliu.shard;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Routes each station to the shard that owns it: a stable hash of the station id, so a station's readings are always
 * checked on the same event loop, in order, whatever connection or protocol they came by.
 */
public final class StationShards {

  private final Shard[] shards;

  public StationShards(List<Shard> shards) {
    this.shards = shards.toArray(new Shard[0]);
  }

  public static int indexOf(String stationId, int shardCount) {
    return Math.floorMod(stationId.hashCode(), shardCount);
  }

  public Shard of(String stationId) {
    return shards[indexOf(stationId, shards.length)];
  }

  /** Starts {@code what} once on every shard's event loop (see {@link Shard#onLoop}). */
  public Future<Void> onEachLoop(Supplier<Future<?>> what) {
    List<Future<Void>> all = new ArrayList<>();
    for (Shard s : shards) {
      all.add(s.onLoop(what));
    }
    return Future.all(all).mapEmpty();
  }

  /** Rebuilds every station's checks (see {@link Shard#rebuildAll}). */
  public Future<Void> rebuildAll(String note) {
    List<Future<Void>> all = new ArrayList<>();
    for (Shard s : shards) {
      all.add(s.rebuildAll(note));
    }
    return Future.all(all).mapEmpty();
  }

  public Future<Void> sweepOffline() {
    List<Future<Void>> all = new ArrayList<>();
    for (Shard s : shards) {
      all.add(s.sweep());
    }
    return Future.all(all).mapEmpty();
  }

  /** Every station's status, gathered from the shards that own them. */
  public Future<JsonArray> statuses() {
    List<Future<JsonArray>> parts = new ArrayList<>();
    for (Shard s : shards) {
      parts.add(s.statuses());
    }
    return Future.all(parts).map(done -> {
      JsonArray out = new JsonArray();
      for (Future<JsonArray> part : parts) {
        out.addAll(part.result());
      }
      return out;
    });
  }
}
