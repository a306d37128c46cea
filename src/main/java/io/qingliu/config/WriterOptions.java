package io.qingliu.config;

import io.vertx.core.json.JsonObject;

/** Group commit of readings: each shard batches what arrives while its previous writes are in flight. */
public class WriterOptions {

  /** Most readings in one INSERT … SELECT FROM unnest(…); beyond ~1000 the gain is nil (docs/measured.md). */
  public static final int DEFAULT_BATCH_SIZE = 2000;
  /** Batches one shard may have in flight at once. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 2;
  /**
   * Readings one shard holds waiting for the database. When full, new readings are refused with "server busy"
   * (MQTT 5: QUOTA_EXCEEDED) and counted; nothing already accepted is dropped.
   */
  public static final int DEFAULT_MAX_PENDING = 50_000;
  /** Connections in the database pool. */
  public static final int DEFAULT_POOL_SIZE = 4;

  private int batchSize = DEFAULT_BATCH_SIZE;
  private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
  private int maxPending = DEFAULT_MAX_PENDING;
  private int poolSize = DEFAULT_POOL_SIZE;

  public WriterOptions() {}

  public WriterOptions(JsonObject json) {
    batchSize = json.getInteger("batchSize", DEFAULT_BATCH_SIZE);
    maxInFlight = json.getInteger("maxInFlight", DEFAULT_MAX_IN_FLIGHT);
    maxPending = json.getInteger("maxPending", DEFAULT_MAX_PENDING);
    poolSize = json.getInteger("poolSize", DEFAULT_POOL_SIZE);
  }

  public int getBatchSize() { return batchSize; }
  public int getMaxInFlight() { return maxInFlight; }
  public int getMaxPending() { return maxPending; }
  public WriterOptions setMaxPending(int maxPending) { this.maxPending = maxPending; return this; }
  public int getPoolSize() { return poolSize; }
}
