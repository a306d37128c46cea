package io.qingliu.alerts;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Where alert and station changes are published for whoever shows them (WebSocket hubs, notification hooks). The
 * ingest path never holds a list of sockets; on a cluster the same addresses span every node.
 */
public final class AlertBus {

  /** Every committed {@link AlertChange}, as its WebSocket message. */
  public static final String ALERTS = "qingliu.alerts";
  /** A station's online state or class changed: {@code {"type":"station","station":StationStatus}}. */
  public static final String STATIONS = "qingliu.stations";

  private final EventBus bus;

  public AlertBus(EventBus bus) {
    this.bus = bus;
  }

  public void publish(AlertChange change) {
    bus.publish(ALERTS, change.toMessage());
  }

  public void publishStation(JsonObject status) {
    bus.publish(STATIONS, new JsonObject().put("type", "station").put("station", status));
  }
}
