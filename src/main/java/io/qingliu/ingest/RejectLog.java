package io.qingliu.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every reject by protocol and reason (Prometheus {@code qingliu_ingest_rejected_total}) and keeps the last
 * few per station so officers can see what a misbehaving station sends. Bounded: {@link #PER_STATION} entries per
 * known station; rejects of unknown senders are only counted.
 */
public final class RejectLog {

  public static final int PER_STATION = 50;

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, ArrayDeque<JsonObject>> recent = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public RejectLog(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** Counts a reject; {@code stationId} is null when the sender is not a known station. */
  public void record(String protocol, String stationId, Reject reject) {
    counters.computeIfAbsent(protocol + '/' + reject.reason().key(),
        k -> Counter.builder("qingliu.ingest.rejected").tag("protocol", protocol)
            .tag("reason", reject.reason().key()).register(registry)).increment();
    if (stationId == null) {
      return;
    }
    JsonObject entry = new JsonObject().put("ts", Instant.ofEpochMilli(clock.millis()).toString())
        .put("protocol", protocol).put("reason", reject.reason().key()).put("where", reject.where())
        .put("detail", reject.detail());
    ArrayDeque<JsonObject> ring = recent.computeIfAbsent(stationId, k -> new ArrayDeque<>(PER_STATION));
    synchronized (ring) {
      if (ring.size() == PER_STATION) {
        ring.removeFirst();
      }
      ring.addLast(entry);
    }
  }

  /** The station's recent rejects, newest first. */
  public JsonArray recent(String stationId) {
    JsonArray out = new JsonArray();
    ArrayDeque<JsonObject> ring = recent.get(stationId);
    if (ring != null) {
      synchronized (ring) {
        ring.descendingIterator().forEachRemaining(out::add);
      }
    }
    return out;
  }
}
