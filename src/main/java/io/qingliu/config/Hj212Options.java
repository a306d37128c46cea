package io.qingliu.config;

import io.vertx.core.json.JsonObject;

/** The HJ 212 TCP listener and what it tolerates from one connection before cutting it off. */
public class Hj212Options {

  public static final int DEFAULT_PORT = 9212;
  /** A frame: "##" + 4 length digits + at most 9999 data bytes + 4 CRC digits + CRLF. */
  public static final int MAX_FRAME_BYTES = 2 + 4 + 9999 + 4 + 2;
  /** A connection holding half a frame this long is stalled, not slow: it is closed. */
  public static final long DEFAULT_STALL_MILLIS = 30_000;
  /** A connection silent this long is closed (a data logger reports at least every few minutes). */
  public static final int DEFAULT_IDLE_SECONDS = 900;
  /** Bytes of garbage in a row (no "##") that make a connection not an HJ 212 device. */
  public static final int DEFAULT_MAX_GARBAGE_BYTES = 64 * 1024;
  /** Frames one connection may send per second; a logger sends a handful per minute, a flood far more. */
  public static final int DEFAULT_MAX_FRAMES_PER_SECOND = 200;
  /** Parts of a split upload wait this long for the others (a logger sends them back to back). */
  public static final long DEFAULT_SPLIT_WAIT_MILLIS = 30_000;
  /** Frames of one connection being stored at once; beyond it the socket is paused (TCP backpressure). */
  public static final int DEFAULT_MAX_IN_FLIGHT = 32;

  private int port = DEFAULT_PORT;
  private long stallMillis = DEFAULT_STALL_MILLIS;
  private int idleSeconds = DEFAULT_IDLE_SECONDS;
  private int maxGarbageBytes = DEFAULT_MAX_GARBAGE_BYTES;
  private int maxFramesPerSecond = DEFAULT_MAX_FRAMES_PER_SECOND;
  private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
  private long splitWaitMillis = DEFAULT_SPLIT_WAIT_MILLIS;

  public Hj212Options() {}

  public Hj212Options(JsonObject json) {
    port = json.getInteger("port", DEFAULT_PORT);
    stallMillis = json.getLong("stallMillis", DEFAULT_STALL_MILLIS);
    idleSeconds = json.getInteger("idleSeconds", DEFAULT_IDLE_SECONDS);
    maxGarbageBytes = json.getInteger("maxGarbageBytes", DEFAULT_MAX_GARBAGE_BYTES);
    maxFramesPerSecond = json.getInteger("maxFramesPerSecond", DEFAULT_MAX_FRAMES_PER_SECOND);
    maxInFlight = json.getInteger("maxInFlight", DEFAULT_MAX_IN_FLIGHT);
    splitWaitMillis = json.getLong("splitWaitMillis", DEFAULT_SPLIT_WAIT_MILLIS);
  }

  public int getPort() { return port; }
  public Hj212Options setPort(int port) { this.port = port; return this; }
  public long getStallMillis() { return stallMillis; }
  public Hj212Options setStallMillis(long stallMillis) { this.stallMillis = stallMillis; return this; }
  public int getIdleSeconds() { return idleSeconds; }
  public int getMaxGarbageBytes() { return maxGarbageBytes; }
  public int getMaxFramesPerSecond() { return maxFramesPerSecond; }
  public Hj212Options setMaxFramesPerSecond(int n) { this.maxFramesPerSecond = n; return this; }
  public int getMaxInFlight() { return maxInFlight; }
  public long getSplitWaitMillis() { return splitWaitMillis; }
  public Hj212Options setSplitWaitMillis(long millis) { this.splitWaitMillis = millis; return this; }
}
