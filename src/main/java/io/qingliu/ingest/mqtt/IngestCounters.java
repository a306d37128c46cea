package io.qingliu.ingest.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** The MQTT listener's meters, shared by every connection of every listener instance. */
public final class IngestCounters {

  private final Counter readings;
  private final Counter receiveMaximumExceeded;
  private final Counter held;
  private final AtomicInteger connections = new AtomicInteger();

  public IngestCounters(MeterRegistry registry) {
    readings = Counter.builder("qingliu.ingest.readings").tag("protocol", StationSession.PROTOCOL)
        .description("readings accepted for checking and storage").register(registry);
    receiveMaximumExceeded = Counter.builder("qingliu.mqtt.receive.maximum.exceeded")
        .description("connections closed for too many unacknowledged publishes").register(registry);
    held = Counter.builder("qingliu.mqtt.publishes.held")
        .description("MQTT 3.1.1 publishes held back for a retry because the readings' path was full").register(registry);
    Gauge.builder("qingliu.mqtt.connections", connections, AtomicInteger::get).register(registry);
  }

  void received(int n) {
    readings.increment(n);
  }

  void receiveMaximumExceeded() {
    receiveMaximumExceeded.increment();
  }

  void held() {
    held.increment();
  }

  void connected() {
    connections.incrementAndGet();
  }

  void disconnected() {
    connections.decrementAndGet();
  }
}
