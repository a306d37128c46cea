package io.qingliu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingliu.testing.MutableClock;
import io.qingliu.testing.TestServer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alerts end to end: findings open and resolve alerts, officers acknowledge them, pages follow live and resume. */
class AlertFlowIT {

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

  /** Publishes a reading and waits for its PUBACK, so it has been checked and stored. */
  static void send(MqttClient station, String id, Instant ts, String values) {
    MqttIngestIT.publishAcked(station, "qingliu/v1/stations/" + id + "/readings",
        "{\"ts\":\"" + ts + "\",\"values\":{" + values + "}}");
  }

  /** Three readings a minute apart over the limit: the exceedance fires at the third (3 of 5). */
  static void exceed(MqttClient station, String id, Instant from, String values) {
    for (int i = 0; i < 3; i++) {
      send(station, id, from.plusSeconds(60L * i), values);
    }
  }

  /** The first message the page received that matches, waiting up to 15 s for it. */
  static JsonObject next(List<JsonObject> ws, Predicate<JsonObject> wanted) {
    try {
      return await().atMost(Duration.ofSeconds(15))
          .until(() -> ws.stream().filter(wanted).findFirst(), Optional::isPresent).get();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("the page never got the message; it got " + ws, e);
    }
  }

  static Predicate<JsonObject> alert(String event, String station, String kind) {
    return m -> "alert".equals(m.getString("type")) && event.equals(m.getString("event"))
        && station.equals(m.getJsonObject("alert").getString("stationId"))
        && kind.equals(m.getJsonObject("alert").getString("kind"));
  }

  @Test
  void givenAmmoniaAboveClassIIIForThreeOfFiveReadings_thenAlertOpensLive_andAnOfficerAcknowledgesIt_andItResolves() {
    TestServer.Officer officer = server.login("officer", "officer-pw");
    List<JsonObject> ws = officer.webSocket("");
    assertThat(next(ws, m -> "snapshot".equals(m.getString("type")))).isNotNull();
    MqttClient s1 = server.station("S1", "s1-secret");
    Instant t = CLOCK.instant().minusSeconds(600);

    send(s1, "S1", t, "\"nh3n\":1.45,\"ph\":7.2");
    send(s1, "S1", t.plusSeconds(60), "\"nh3n\":0.4");
    send(s1, "S1", t.plusSeconds(120), "\"nh3n\":1.52");
    assertThat(ws.stream().anyMatch(alert("opened", "S1", "exceedance"))).as("2 of 5 must not page").isFalse();
    send(s1, "S1", t.plusSeconds(180), "\"nh3n\":1.61");

    JsonObject opened = next(ws, alert("opened", "S1", "exceedance")).getJsonObject("alert");
    assertThat(opened.getString("parameter")).isEqualTo("nh3n");
    assertThat(opened.getDouble("value")).isEqualTo(1.61);
    assertThat(opened.getDouble("limit")).isEqualTo(1.0);
    assertThat(opened.getInteger("waterClass")).isEqualTo(5);
    assertThat(opened.getString("severity")).as("0.61 times over the limit").isEqualTo("major");
    long id = opened.getLong("id");
    assertThat(((Number) server.db.scalar("SELECT count(*) FROM alerts WHERE id = " + id
        + " AND resolved_at IS NULL")).intValue()).isEqualTo(1);

    var ack = officer.post("/api/v1/alerts/" + id + "/ack", new JsonObject().put("comment", "已通知巡查"));
    assertThat(ack.statusCode()).isEqualTo(200);
    JsonObject acked = next(ws, alert("acknowledged", "S1", "exceedance")).getJsonObject("alert");
    assertThat(acked.getString("acknowledgedBy")).isEqualTo("officer");
    assertThat(acked.getString("ackComment")).isEqualTo("已通知巡查");
    assertThat(officer.post("/api/v1/alerts/" + id + "/ack", new JsonObject()).statusCode())
        .as("acknowledging twice").isEqualTo(409);

    // Hysteresis: 0.97 is inside the limit but not clearly, so it does not count toward clearing.
    send(s1, "S1", t.plusSeconds(240), "\"nh3n\":0.3");
    send(s1, "S1", t.plusSeconds(300), "\"nh3n\":0.97");
    send(s1, "S1", t.plusSeconds(360), "\"nh3n\":0.3");
    send(s1, "S1", t.plusSeconds(420), "\"nh3n\":0.3");
    assertThat(ws.stream().anyMatch(alert("resolved", "S1", "exceedance"))).isFalse();
    send(s1, "S1", t.plusSeconds(480), "\"nh3n\":0.3");
    JsonObject resolved = next(ws, alert("resolved", "S1", "exceedance")).getJsonObject("alert");
    assertThat(resolved.getLong("id")).isEqualTo(id);
    assertThat(resolved.getString("resolvedBy")).isEqualTo("system");
  }

  @Test
  void givenAStationSilentLongerThanThreeIntervals_thenOfflineAlertOpens_andClearsWhenItReportsAgain() {
    TestServer.Officer officer = server.login("officer", "officer-pw");
    List<JsonObject> ws = officer.webSocket("");
    next(ws, m -> "snapshot".equals(m.getString("type")));

    CLOCK.advance(Duration.ofSeconds(181));
    TestServer.await(server.server.shards().sweepOffline());
    JsonObject offline = next(ws, alert("opened", "S2", "offline")).getJsonObject("alert");
    assertThat(offline.getString("message")).contains("无数据");
    next(ws, m -> "station".equals(m.getString("type")) && "S2".equals(m.getJsonObject("station").getString("id"))
        && !m.getJsonObject("station").getBoolean("online"));

    MqttClient s2 = server.station("S2", "s2-secret");
    send(s2, "S2", CLOCK.instant(), "\"ph\":7.4");
    JsonObject back = next(ws, alert("resolved", "S2", "offline")).getJsonObject("alert");
    assertThat(back.getLong("id")).isEqualTo(offline.getLong("id"));
  }

  @Test
  void givenAPageThatWasAway_whenItReconnectsWithItsLastSeq_thenItGetsWhatItMissed() {
    TestServer.Officer officer = server.login("officer", "officer-pw");
    List<JsonObject> first = officer.webSocket("");
    long seq = next(first, m -> "snapshot".equals(m.getString("type"))).getLong("seq");

    MqttClient of1 = server.station("OF-1", "of1-secret");
    Instant t = CLOCK.instant().minusSeconds(300);
    for (int i = 0; i < 3; i++) {
      send(of1, "OF-1", t.plusSeconds(60L * i), "\"cod\":" + (80 + i));
    }
    long opened = next(first, alert("opened", "OF-1", "exceedance")).getLong("seq");

    List<JsonObject> resumed = officer.webSocket("?since=" + seq);
    JsonObject missed = next(resumed, alert("opened", "OF-1", "exceedance"));
    assertThat(missed.getLong("seq")).isEqualTo(opened);
    assertThat(missed.getJsonObject("alert").getString("message")).contains("排放许可限值");
    assertThat(next(resumed, m -> "resumed".equals(m.getString("type"))).getLong("seq")).isGreaterThanOrEqualTo(opened);
  }

  @Test
  void givenAViewer_whenAcknowledging_thenForbidden_andWithoutLoginEverythingIsRefused() {
    Long anyAlert = (Long) server.db.scalar("SELECT max(id) FROM alerts");
    TestServer.Officer viewer = server.login("viewer", "viewer-pw");
    assertThat(viewer.post("/api/v1/alerts/" + (anyAlert == null ? 1 : anyAlert) + "/ack", new JsonObject())
        .statusCode()).isEqualTo(403);
    assertThat(viewer.get("/api/v1/stations").statusCode()).isEqualTo(200);

    var anonymous = io.vertx.ext.web.client.WebClient.create(server.client);
    assertThat(TestServer.await(anonymous.get(server.httpPort, "localhost", "/api/v1/alerts").send()).statusCode())
        .isEqualTo(401);
    assertThat(TestServer.await(anonymous.get(server.httpPort, "localhost", "/ws").send()).statusCode())
        .isEqualTo(401);
    assertThat(TestServer.await(anonymous.post(server.httpPort, "localhost", "/api/v1/login")
        .sendJsonObject(new JsonObject().put("username", "officer").put("password", "officer-pw"))).statusCode())
        .as("a login without the XSRF token").isEqualTo(403);
  }
}
