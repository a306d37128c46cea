package io.qingliu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.qingliu.testing.MutableClock;
import io.qingliu.testing.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The foundation's path over real sockets: MQTT station → checks → PostgreSQL → alert on the officer's WebSocket. */
class MqttIngestIT {

  static final MutableClock CLOCK = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long count(String station, String where) {
    return ((Number) server.db.scalar("SELECT count(*) FROM readings r JOIN stations s ON s.no = r.station_no "
        + "WHERE s.id = '" + station + "' AND " + where)).longValue();
  }

  static String reading(Instant ts, String values) {
    return "{\"ts\":\"" + ts + "\",\"values\":{" + values + "}}";
  }

  static void publish(MqttClient c, String topic, String payload) {
    TestServer.await(c.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false));
  }

  /** Publishes QoS 1 and waits for the PUBACK. */
  static void publishAcked(MqttClient c, String topic, String payload) {
    List<Integer> acked = new CopyOnWriteArrayList<>();
    c.publishCompletionHandler(acked::add);
    int id = TestServer.await(c.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false));
    // Poll often: tests publish hundreds of readings one after the other.
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(10))
        .until(() -> acked.contains(id));
  }

  @Test
  void givenStationPublishesQos1_whenPubackArrives_thenTheReadingIsAlreadyCommitted() {
    MqttClient s1 = server.station("S1", "s1-secret");
    Instant ts = CLOCK.instant().minusSeconds(3_000);
    publishAcked(s1, "qingliu/v1/stations/S1/readings", reading(ts, "\"ph\":7.31,\"do\":6.2,\"w21003\":0.42"));
    // No waiting: the PUBACK is sent only after the commit.
    assertThat(count("S1", "ts = '" + ts + "' AND v_ph = 7.31 AND v_nh3n = 0.42")).isEqualTo(1);
  }

  @Test
  void givenTheSameReadingPublishedTwice_thenItIsStoredOnce() {
    MqttClient s1 = server.station("S1", "s1-secret");
    Instant ts = CLOCK.instant().minusSeconds(2_900);
    publishAcked(s1, "qingliu/v1/stations/S1/readings", reading(ts, "\"ph\":7.0"));
    publishAcked(s1, "qingliu/v1/stations/S1/readings", reading(ts, "\"ph\":7.0"));
    assertThat(count("S1", "ts = '" + ts + "'")).isEqualTo(1);
  }

  @Test
  void givenWrongPassword_whenConnecting_thenRefusedAndCounted() {
    io.vertx.mqtt.MqttClient c = io.vertx.mqtt.MqttClient.create(server.client,
        new io.vertx.mqtt.MqttClientOptions().setUsername("S1").setPassword("wrong"));
    assertThatThrownBy(() -> TestServer.await(c.connect(server.mqttPort, "localhost")))
        .hasMessageContaining("BAD_USER_NAME_OR_PASSWORD");
    assertThat(server.server.registry().scrape())
        .contains("qingliu_ingest_rejected_total{protocol=\"mqtt\",reason=\"bad_credentials\"}");
  }

  @Test
  void givenMqtt5StationPublishesToAnotherStationsTopic_thenPubackSaysNotAuthorized() throws Exception {
    MqttAsyncClient c = server.mqtt5("S1", "s1-secret");
    Instant ts = CLOCK.instant().minusSeconds(2_800);
    IMqttToken t = c.publish("qingliu/v1/stations/S2/readings",
        new MqttMessage(reading(ts, "\"ph\":5.0").getBytes(StandardCharsets.UTF_8), 1, false, null));
    t.waitForCompletion(10_000);
    assertThat(t.getReasonCodes()).containsExactly(0x87);
    assertThat(t.getResponseProperties().getReasonString()).contains("may publish only under");
    assertThat(count("S2", "ts = '" + ts + "'")).isZero();
    c.disconnect().waitForCompletion();
  }

  @Test
  void givenMqtt5MalformedJson_thenPubackSaysPayloadFormatInvalid_andTheNextGoodReadingLands() throws Exception {
    MqttAsyncClient c = server.mqtt5("S1", "s1-secret");
    IMqttToken bad = c.publish("qingliu/v1/stations/S1/readings",
        new MqttMessage("{\"ts\": \"2026-".getBytes(StandardCharsets.UTF_8), 1, false, null));
    bad.waitForCompletion(10_000);
    assertThat(bad.getReasonCodes()).containsExactly(0x99);
    assertThat(bad.getResponseProperties().getReasonString()).contains("malformed_json");

    Instant ts = CLOCK.instant().minusSeconds(2_700);
    IMqttToken good = c.publish("qingliu/v1/stations/S1/readings",
        new MqttMessage(reading(ts, "\"ph\":7.5").getBytes(StandardCharsets.UTF_8), 1, false, null));
    good.waitForCompletion(10_000);
    assertThat(good.getReasonCodes()).containsExactly(0);
    assertThat(count("S1", "ts = '" + ts + "'")).isEqualTo(1);
    c.disconnect().waitForCompletion();
  }

  @Test
  void givenBatchWithBadItems_thenGoodReadingsLand_andEachProblemIsReportedOnTheErrorTopicAndApi() {
    MqttClient s1 = server.station("S1", "s1-secret");
    BlockingQueue<JsonObject> errors = new java.util.concurrent.LinkedBlockingQueue<>();
    s1.publishHandler(m -> errors.add(new JsonObject(m.payload())));
    TestServer.await(s1.subscribe("qingliu/v1/stations/S1/errors", 0));
    Instant good1 = CLOCK.instant().minusSeconds(2_600);
    Instant good2 = CLOCK.instant().minusSeconds(2_590);
    String batch = "[" + reading(good1, "\"ph\":7.1,\"bogus\":1")
        + "," + reading(CLOCK.instant().plus(Duration.ofDays(30)), "\"ph\":7.2")
        + "," + reading(good2, "\"ph\":NaN,\"do\":6.6")
        + "," + "{\"values\":{\"ph\":7}}" + "]";
    publishAcked(s1, "qingliu/v1/stations/S1/readings", batch);

    assertThat(count("S1", "ts = '" + good1 + "' AND v_ph = 7.1")).isEqualTo(1);
    assertThat(count("S1", "ts = '" + good2 + "' AND v_ph IS NULL AND v_do = 6.6")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> errors.size() >= 4);
    assertThat(errors).extracting(e -> e.getString("reason"))
        .contains("unknown_parameter", "ts_in_future", "not_a_number", "missing_ts");
    TestServer.Officer officer = server.login("officer", "officer-pw");
    JsonArray recent = officer.get("/api/v1/stations/S1/rejects").bodyAsJsonArray();
    assertThat(recent.stream().map(o -> ((JsonObject) o).getString("reason"))).contains("ts_in_future");
    assertThat(server.server.registry().scrape())
        .contains("qingliu_ingest_rejected_total{protocol=\"mqtt\",reason=\"not_a_number\"}");
  }

  @Test
  void givenStationCannotSubscribeToAnotherStationsErrors() {
    MqttClient s1 = server.station("S1", "s1-secret");
    List<Integer> granted = new CopyOnWriteArrayList<>();
    s1.subscribeCompletionHandler(ack -> granted.addAll(ack.grantedQoSLevels()));
    TestServer.await(s1.subscribe("qingliu/v1/stations/S2/errors", 0));
    await().atMost(Duration.ofSeconds(5)).until(() -> !granted.isEmpty());
    assertThat(granted).containsExactly(0x80);
  }
}
