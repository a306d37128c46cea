package io.qingliu.config;

import io.vertx.core.json.JsonObject;

/** The MQTT listener. */
public class MqttIngestOptions {

  public static final int DEFAULT_PORT = 1883;
  /** Largest readings payload: a batch of a few hundred readings fits; a runaway client does not. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 256 * 1024;
  /**
   * Unacknowledged QoS 1 publishes one connection may have outstanding (MQTT 5 Receive Maximum, announced in CONNACK).
   * A client that exceeds it is disconnected, which bounds what one connection can make the server hold.
   */
  public static final int DEFAULT_RECEIVE_MAXIMUM = 256;

  private int port = DEFAULT_PORT;
  private String host = "0.0.0.0";
  private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
  private int receiveMaximum = DEFAULT_RECEIVE_MAXIMUM;

  public MqttIngestOptions() {}

  public MqttIngestOptions(JsonObject json) {
    port = json.getInteger("port", DEFAULT_PORT);
    host = json.getString("host", host);
    maxMessageSize = json.getInteger("maxMessageSize", DEFAULT_MAX_MESSAGE_SIZE);
    receiveMaximum = json.getInteger("receiveMaximum", DEFAULT_RECEIVE_MAXIMUM);
  }

  public int getPort() { return port; }
  public MqttIngestOptions setPort(int port) { this.port = port; return this; }
  public String getHost() { return host; }
  public int getMaxMessageSize() { return maxMessageSize; }
  public int getReceiveMaximum() { return receiveMaximum; }
  public MqttIngestOptions setReceiveMaximum(int receiveMaximum) { this.receiveMaximum = receiveMaximum; return this; }
}
