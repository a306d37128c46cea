package io.qingliu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.qingliu.testing.MutableClock;
import io.qingliu.testing.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An MQTT 3.1.1 station sending faster than the writer takes readings: it is slowed down, not disconnected. */
class MqttBackpressureIT {

  static final MutableClock CLOCK = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  /** Far fewer readings than one window of publishes carries, so most of them find the writer full. */
  static final int MAX_PENDING = 8;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK, o -> o.getWriter().setMaxPending(MAX_PENDING));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void givenTheWriterIsFull_whenA311StationPublishes_thenItsPublishesWaitAndAreAllAcknowledgedAndStored() {
    MqttClient s1 = MqttClient.create(server.client, new MqttClientOptions().setUsername("S1")
        .setPassword("s1-secret").setClientId("backpressure-" + System.nanoTime()).setMaxInflightQueue(100));
    TestServer.await(s1.connect(server.mqttPort, "localhost"));
    AtomicBoolean closed = new AtomicBoolean();
    s1.closeHandler(v -> closed.set(true));
    Set<Integer> acked = ConcurrentHashMap.newKeySet();
    s1.publishCompletionHandler(acked::add);
    Instant first = CLOCK.instant().minusSeconds(3_000);
    int publishes = 50;
    for (int i = 0; i < publishes; i++) {
      StringBuilder payload = new StringBuilder("[");
      for (int k = 0; k < 3; k++) {
        Instant ts = first.plusSeconds(3L * i + k);
        payload.append(k == 0 ? "" : ",").append("{\"ts\":\"").append(ts).append("\",\"values\":{\"ph\":7.1}}");
      }
      s1.publish("qingliu/v1/stations/S1/readings", Buffer.buffer(payload.append(']').toString()),
          MqttQoS.AT_LEAST_ONCE, false, false);
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() == publishes);
    assertThat(closed).isFalse();
    assertThat(((Number) server.db.scalar("SELECT count(*) FROM readings WHERE ts >= '" + first
        + "' AND station_no = (SELECT no FROM stations WHERE id = 'S1')")).longValue()).isEqualTo(3L * publishes);
    assertThat(server.server.registry().scrape()).containsPattern("qingliu_mqtt_publishes_held_total [1-9]");
  }
}
