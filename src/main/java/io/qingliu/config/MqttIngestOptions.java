package io.qingliu.config;

import io.vertx.core.json.JsonObject;

/** The MQTT listener. */
public class MqttIngestOptions {

  public static final int DEFAULT_PORT = 1883;
  /** Largest MQTT message of any kind: the largest per-topic limit below. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 2 * 1024 * 1024;
  /** Largest readings payload: a batch of a thousand readings fits; a runaway client does not. */
  public static final int DEFAULT_MAX_READINGS_PAYLOAD = 256 * 1024;
  /** Largest spectrum: an Aqualog's full 106 × 500 grid as JSON is about 600 KB. */
  public static final int DEFAULT_MAX_EEM_PAYLOAD = 2 * 1024 * 1024;
  /** Largest HJ 212 frame: the standard's segment is at most 9999 bytes plus the header and CRC. */
  public static final int DEFAULT_MAX_HJ212_PAYLOAD = 10_015;
  /**
   * Unacknowledged QoS 1 publishes one connection may have outstanding (MQTT 5 Receive Maximum, announced in CONNACK).
   * A client that exceeds it is disconnected, which bounds what one connection can make the server hold.
   */
  public static final int DEFAULT_RECEIVE_MAXIMUM = 256;

  private int port = DEFAULT_PORT;
  private String host = "0.0.0.0";
  private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
  private int receiveMaximum = DEFAULT_RECEIVE_MAXIMUM;
  private int maxReadingsPayload = DEFAULT_MAX_READINGS_PAYLOAD;
  private int maxEemPayload = DEFAULT_MAX_EEM_PAYLOAD;

  public MqttIngestOptions() {}

  public MqttIngestOptions(JsonObject json) {
    port = json.getInteger("port", DEFAULT_PORT);
    host = json.getString("host", host);
    maxMessageSize = json.getInteger("maxMessageSize", DEFAULT_MAX_MESSAGE_SIZE);
    receiveMaximum = json.getInteger("receiveMaximum", DEFAULT_RECEIVE_MAXIMUM);
    maxReadingsPayload = json.getInteger("maxReadingsPayload", DEFAULT_MAX_READINGS_PAYLOAD);
    maxEemPayload = json.getInteger("maxEemPayload", DEFAULT_MAX_EEM_PAYLOAD);
  }

  public int getPort() { return port; }
  public MqttIngestOptions setPort(int port) { this.port = port; return this; }
  public String getHost() { return host; }
  public int getMaxMessageSize() { return maxMessageSize; }
  public int getReceiveMaximum() { return receiveMaximum; }
  public MqttIngestOptions setReceiveMaximum(int receiveMaximum) { this.receiveMaximum = receiveMaximum; return this; }
  public MqttIngestOptions setMaxReadingsPayload(int bytes) { this.maxReadingsPayload = bytes; return this; }

  /** The payload limit of a station topic kind ({@code readings}, {@code eem}, {@code hj212}). */
  public int forKind(String kind) {
    return switch (kind) {
      case "eem" -> maxEemPayload;
      case "hj212" -> DEFAULT_MAX_HJ212_PAYLOAD;
      default -> maxReadingsPayload;
    };
  }
}
