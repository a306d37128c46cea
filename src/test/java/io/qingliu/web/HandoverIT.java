package io.qingliu.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.testing.MutableClock;
import io.qingliu.testing.Seed;
import io.qingliu.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shift handover: what fired in the last N hours, what is still open, who acknowledged what (server clock). */
class HandoverIT {

  static final Instant NOW = Instant.parse("2026-11-28T16:00:00Z");
  static final MutableClock CLOCK = MutableClock.at(NOW);
  static TestServer server;
  static TestServer.Officer viewer;
  static long yesterdayStillOpen;
  static long firedAndAcked;
  static long firedAndOpen;
  static long yesterdayDone;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK);
    yesterdayStillOpen = Seed.alert("S1", "offline", "major").opened(NOW.minus(Duration.ofHours(20)))
        .insert(server.db);
    yesterdayDone = Seed.alert("S1", "exceedance", "minor").parameter("tp").opened(NOW.minus(Duration.ofHours(22)))
        .acknowledged(NOW.minus(Duration.ofHours(21)), "officer", "夜班已处理").resolved(NOW.minus(Duration.ofHours(20)))
        .insert(server.db);
    firedAndAcked = Seed.alert("S2", "exceedance", "critical").parameter("nh3n").opened(NOW.minus(Duration.ofHours(3)))
        .acknowledged(NOW.minus(Duration.ofHours(2)), "officer", "已派人现场核查").insert(server.db);
    firedAndOpen = Seed.alert("HJ-1", "device", "warning").parameter("cd").opened(NOW.minus(Duration.ofMinutes(30)))
        .insert(server.db);
    viewer = server.login("viewer", "viewer-pw");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<Long> ids(JsonArray alerts) {
    return alerts.stream().map(a -> ((JsonObject) a).getLong("id")).toList();
  }

  @Test
  void givenAnEightHourShift_whenHandedOver_thenItListsWhatFiredWhatIsOpenAndWhoAcknowledgedWhat() {
    JsonObject h = viewer.get("/api/v1/handover?hours=8").bodyAsJsonObject();
    assertThat(h.getString("from")).isEqualTo("2026-11-28T08:00:00Z");
    assertThat(h.getString("to")).isEqualTo("2026-11-28T16:00:00Z");
    assertThat(h.getString("zone")).isEqualTo("Asia/Shanghai");
    assertThat(ids(h.getJsonArray("fired"))).containsExactly(firedAndOpen, firedAndAcked);
    assertThat(ids(h.getJsonArray("open"))).as("still open, whenever it fired")
        .containsExactly(firedAndOpen, firedAndAcked, yesterdayStillOpen);
    JsonArray actions = h.getJsonArray("actions");
    assertThat(actions).hasSize(1);
    JsonObject ack = actions.getJsonObject(0);
    assertThat(ack.getString("actor")).isEqualTo("officer");
    assertThat(ack.getString("event")).isEqualTo("acknowledged");
    assertThat(ack.getString("comment")).isEqualTo("已派人现场核查");
    assertThat(ack.getJsonObject("alert").getLong("id")).isEqualTo(firedAndAcked);
  }

  @Test
  void givenALongerWindow_whenHandedOver_thenYesterdaysWorkIsIncluded() {
    JsonObject h = viewer.get("/api/v1/handover?hours=24").bodyAsJsonObject();
    assertThat(ids(h.getJsonArray("fired"))).containsExactly(firedAndOpen, firedAndAcked, yesterdayStillOpen,
        yesterdayDone);
    assertThat(h.getJsonArray("actions").stream().map(a -> ((JsonObject) a).getString("comment")).toList())
        .containsExactly("已派人现场核查", "夜班已处理");
  }

  @Test
  void givenTheClockMovesOn_whenHandedOver_thenTheWindowFollowsTheServerClock() {
    CLOCK.advance(Duration.ofHours(8));
    try {
      JsonObject h = viewer.get("/api/v1/handover?hours=8").bodyAsJsonObject();
      assertThat(h.getJsonArray("fired")).isEmpty();
      assertThat(h.getJsonArray("actions")).isEmpty();
      assertThat(ids(h.getJsonArray("open"))).containsExactly(firedAndOpen, firedAndAcked, yesterdayStillOpen);
    } finally {
      CLOCK.advance(Duration.ofHours(-8));
    }
  }

  @Test
  void givenBadHours_orNoSession_whenHandedOver_thenRefused() {
    for (String q : new String[] {"?hours=0", "?hours=73", "?hours=eight"}) {
      assertThat(viewer.get("/api/v1/handover" + q).statusCode()).as(q).isEqualTo(400);
    }
    assertThat(viewer.get("/api/v1/handover").bodyAsJsonObject().getInteger("hours")).isEqualTo(8);
    assertThat(TestServer.await(WebClient.create(server.client).get(server.httpPort, "localhost", "/api/v1/handover")
        .send()).statusCode()).isEqualTo(401);
  }
}
