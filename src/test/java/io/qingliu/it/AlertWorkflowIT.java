package io.qingliu.it;

import static io.qingliu.it.AlertFlowIT.alert;
import static io.qingliu.it.AlertFlowIT.exceed;
import static io.qingliu.it.AlertFlowIT.next;
import static io.qingliu.it.AlertFlowIT.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingliu.alerts.AlertOptions;
import io.qingliu.testing.FreePort;
import io.qingliu.testing.MutableClock;
import io.qingliu.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The duty officer's alert workflow against the real server and database, time moved by an injected clock: severity
 * and pending rules, assignment and comments with their audit trail, silences, inhibition by an offline station,
 * escalation to the page and the webhook until someone acknowledges.
 */
class AlertWorkflowIT {

  static final MutableClock CLOCK = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  static final Vertx HOOK_VERTX = Vertx.vertx();
  static final List<JsonObject> HOOKED = new CopyOnWriteArrayList<>();
  static HttpServer hook;
  static TestServer server;

  @BeforeAll
  static void start() {
    int hookPort = FreePort.next();
    hook = TestServer.await(HOOK_VERTX.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      HOOKED.add(b.toJsonObject());
      req.response().setStatusCode(204).end();
    })).listen(hookPort));
    server = TestServer.start(CLOCK, o -> o.setAlerts(new AlertOptions(new JsonObject("""
        {"rules": [
           {"kind": "exceedance", "parameter": "nh3n", "stationKind": "national", "severity": "critical"},
           {"kind": "exceedance", "parameter": "tp", "forMinutes": 10},
           {"kind": "exceedance", "parameter": "do", "stationKind": "fingerprint", "kOfN": [1, 1]}],
         "escalation": {"everyMinutes": 10, "webhook": "http://localhost:%d/hook"}}""".formatted(hookPort)))));
  }

  @AfterAll
  static void stop() {
    server.close();
    TestServer.await(HOOK_VERTX.close());
  }

  @Test
  void givenARuleForAmmoniaAtNationalSections_whenS2Exceeds_thenTheAlertIsCritical_andEscalatesUntilAcknowledged() {
    TestServer.Officer officer = server.login("officer", "officer-pw");
    List<JsonObject> ws = officer.webSocket("");
    exceed(server.station("S2", "s2-secret"), "S2", CLOCK.instant().minusSeconds(900), "\"nh3n\":0.8");

    JsonObject opened = next(ws, alert("opened", "S2", "exceedance")).getJsonObject("alert");
    assertThat(opened.getString("severity")).as("the rule's, not the check's minor").isEqualTo("critical");
    await().atMost(Duration.ofSeconds(10)).until(() -> HOOKED.stream().anyMatch(h -> "opened".equals(
        h.getString("event")) && h.getJsonObject("alert").getLong("id").equals(opened.getLong("id"))));

    CLOCK.advance(Duration.ofMinutes(11));
    TestServer.await(server.server.sweepAlerts());
    JsonObject escalated = next(ws, alert("escalated", "S2", "exceedance")).getJsonObject("alert");
    assertThat(escalated.getInteger("escalations")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> HOOKED.stream().anyMatch(h -> "escalated".equals(
        h.getString("event"))));

    TestServer.await(server.server.sweepAlerts());
    assertThat(ws).as("not again before another 10 minutes").filteredOn(alert("escalated", "S2", "exceedance"))
        .hasSize(1);
    assertThat(officer.post("/api/v1/alerts/" + opened.getLong("id") + "/ack", new JsonObject()).statusCode())
        .isEqualTo(200);
    CLOCK.advance(Duration.ofMinutes(11));
    TestServer.await(server.server.sweepAlerts());
    assertThat(server.db.scalar("SELECT escalations FROM alerts WHERE id = " + opened.getLong("id")))
        .as("acknowledged: escalation stops").isEqualTo(1);
  }

  @Test
  void givenAPendingRuleOfTenMinutes_thenTheExceedanceOpensOnlyOnceItHeldThatLong() {
    List<JsonObject> ws = server.login("officer", "officer-pw").webSocket("");
    MqttClient s1 = server.station("S1", "s1-secret");
    Instant t = CLOCK.instant().minusSeconds(1_800);

    exceed(s1, "S1", t, "\"tp\":0.5");
    for (int i = 3; i < 10; i++) {
      send(s1, "S1", t.plusSeconds(60L * i), "\"tp\":0.5");
    }
    assertThat(ws).as("firing for 7 minutes: still pending").noneMatch(alert("opened", "S1", "exceedance"));
    send(s1, "S1", t.plusSeconds(60L * 12), "\"tp\":0.5");

    JsonObject opened = next(ws, alert("opened", "S1", "exceedance")).getJsonObject("alert");
    assertThat(opened.getString("parameter")).isEqualTo("tp");
    assertThat(Instant.parse(opened.getString("openedAt"))).isEqualTo(t.plusSeconds(60L * 12));
  }

  @Test
  void givenAnOpenAlert_whenAssignedAndCommented_thenTheTrailSaysWhoDidWhat_andAViewerCanDoNeither() {
    TestServer.Officer officer = server.login("officer", "officer-pw");
    TestServer.Officer viewer = server.login("viewer", "viewer-pw");
    List<JsonObject> ws = officer.webSocket("");
    exceed(server.station("OF-1", "of1-secret"), "OF-1", CLOCK.instant().minusSeconds(3_000), "\"cod\":80");
    long id = next(ws, alert("opened", "OF-1", "exceedance")).getJsonObject("alert").getLong("id");

    assertThat(viewer.post("/api/v1/alerts/" + id + "/assign", new JsonObject().put("assignee", "viewer"))
        .statusCode()).isEqualTo(403);
    assertThat(viewer.post("/api/v1/alerts/" + id + "/comment", new JsonObject().put("comment", "x")).statusCode())
        .isEqualTo(403);
    assertThat(officer.post("/api/v1/alerts/" + id + "/comment", new JsonObject()).statusCode()).isEqualTo(400);
    JsonObject assigned = officer.post("/api/v1/alerts/" + id + "/assign",
        new JsonObject().put("assignee", "officer")).bodyAsJsonObject();
    assertThat(assigned.getString("assignee")).isEqualTo("officer");
    officer.post("/api/v1/alerts/" + id + "/comment", new JsonObject().put("comment", "<b>已电话通知企业</b>"));
    next(ws, alert("commented", "OF-1", "exceedance"));

    JsonArray trail = officer.get("/api/v1/alerts/" + id + "/trail").bodyAsJsonArray();
    assertThat(trail.stream().map(e -> ((JsonObject) e).getString("event")))
        .containsExactly("opened", "assigned", "commented");
    assertThat(trail.getJsonObject(2).getString("actor")).isEqualTo("officer");
    assertThat(trail.getJsonObject(2).getString("comment")).isEqualTo("<b>已电话通知企业</b>");
  }

  @Test
  void givenAnAdminSilencesAStation_thenItsAlertsAreMuted_newOnesOpenMuted_andWhenItEndsTheyPageAgain() {
    TestServer.Officer officer = server.login("officer", "officer-pw");
    TestServer.Officer admin = server.login("admin", "admin-pw");
    List<JsonObject> ws = officer.webSocket("");
    MqttClient hj = server.station("HJ-1", "hj1-secret");
    exceed(hj, "HJ-1", CLOCK.instant().minusSeconds(6_000), "\"nh3n\":1.5");
    long first = next(ws, alert("opened", "HJ-1", "exceedance")).getJsonObject("alert").getLong("id");

    JsonObject silence = new JsonObject().put("stationId", "HJ-1").put("reason", "更换氨氮探头").put("minutes", 60);
    assertThat(officer.post("/api/v1/silences", silence).statusCode()).as("only an admin").isEqualTo(403);
    assertThat(admin.post("/api/v1/silences", silence.copy().put("reason", "")).statusCode()).isEqualTo(400);
    var created = admin.post("/api/v1/silences", silence);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("createdBy")).isEqualTo("admin");

    JsonObject muted = next(ws, alert("muted", "HJ-1", "exceedance")).getJsonObject("alert");
    assertThat(muted.getLong("id")).isEqualTo(first);
    assertThat(muted.getString("muted")).isEqualTo("silence:" + created.bodyAsJsonObject().getLong("id"));
    exceed(hj, "HJ-1", CLOCK.instant().minusSeconds(5_000), "\"cd\":0.05");
    assertThat(next(ws, alert("opened", "HJ-1", "exceedance").and(m -> "cd".equals(
        m.getJsonObject("alert").getString("parameter")))).getJsonObject("alert").getString("muted"))
        .as("a new alert under the silence opens muted").startsWith("silence:");
    assertThat(officer.get("/api/v1/silences").bodyAsJsonArray().getJsonObject(0).getString("reason"))
        .isEqualTo("更换氨氮探头");

    CLOCK.advance(Duration.ofMinutes(61));
    TestServer.await(server.server.sweepAlerts());
    JsonObject unmuted = next(ws, alert("unmuted", "HJ-1", "exceedance")).getJsonObject("alert");
    assertThat(unmuted.getString("muted")).isNull();
  }

  @Test
  void givenAStationGoesOffline_thenItsOtherAlertsAreInhibited_untilItReportsAgain() {
    TestServer.Officer officer = server.login("officer", "officer-pw");
    List<JsonObject> ws = officer.webSocket("");
    MqttClient hj2 = server.station("HJ-2", "hj2-secret");
    exceed(hj2, "HJ-2", CLOCK.instant().minusSeconds(10_000), "\"cod\":90");
    long cod = next(ws, alert("opened", "HJ-2", "exceedance")).getJsonObject("alert").getLong("id");

    CLOCK.advance(Duration.ofHours(4)); // HJ-2 reports hourly: offline after 3 hours
    TestServer.await(server.server.shards().sweepOffline());
    next(ws, alert("opened", "HJ-2", "offline"));
    JsonObject inhibited = next(ws, alert("muted", "HJ-2", "exceedance")).getJsonObject("alert");
    assertThat(inhibited.getLong("id")).isEqualTo(cod);
    assertThat(inhibited.getString("muted")).isEqualTo("offline");

    send(hj2, "HJ-2", CLOCK.instant(), "\"cod\":90");
    next(ws, alert("resolved", "HJ-2", "offline"));
    assertThat(next(ws, alert("unmuted", "HJ-2", "exceedance")).getJsonObject("alert").getLong("id")).isEqualTo(cod);
  }

  @Test
  void givenAnAdminSetsNewRules_thenTheyApplyToTheNextAlert_areKeptAsAVersion_andOthersCannotSetThem() {
    TestServer.Officer officer = server.login("officer", "officer-pw");
    TestServer.Officer admin = server.login("admin", "admin-pw");
    JsonObject before = officer.get("/api/v1/alert-rules").bodyAsJsonObject();
    JsonObject rules = new JsonObject().put("rules", new JsonArray()
        .add(new JsonObject().put("kind", "exceedance").put("parameter", "nh3n").put("severity", "warning")));
    try {
      assertThat(officer.put("/api/v1/alert-rules", rules).statusCode()).isEqualTo(403);
      var refused = admin.put("/api/v1/alert-rules", new JsonObject().put("rules", new JsonArray()
          .add(new JsonObject().put("parameter", "nh4"))));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("error")).contains("rule 1").contains("nh4");
      JsonObject set = admin.put("/api/v1/alert-rules", rules).bodyAsJsonObject();
      assertThat(set.getString("setBy")).isEqualTo("admin");
      assertThat(set.getLong("version")).isPositive();
      assertThat(officer.get("/api/v1/alert-rules").bodyAsJsonObject().getJsonArray("rules")).hasSize(1);

      List<JsonObject> ws = officer.webSocket("");
      exceed(server.station("OF-1", "of1-secret"), "OF-1", CLOCK.instant().minusSeconds(300), "\"nh3n\":12");
      assertThat(next(ws, alert("opened", "OF-1", "exceedance").and(m -> "nh3n".equals(
          m.getJsonObject("alert").getString("parameter")))).getJsonObject("alert").getString("severity"))
          .as("the admin's rule, not the check's critical").isEqualTo("warning");
    } finally {
      // The other tests here count on the configuration's rules; what GET answered can be PUT back as it is.
      assertThat(admin.put("/api/v1/alert-rules", new JsonObject().put("rules", before.getJsonArray("rules")))
          .statusCode()).isEqualTo(200);
    }
    assertThat(server.db.scalar("SELECT count(*) FROM alert_rule_versions WHERE set_by = 'admin' "
        + "AND rules::text LIKE '%warning%'")).isEqualTo(1L);
  }

  @Test
  void givenAOneReadingRuleForLowOxygenAtTracingStations_thenOneReadingOpens_andWhenAnAdminAsksForFourOfFive_thenItWaitsForFour() {
    TestServer.Officer admin = server.login("admin", "admin-pw");
    List<JsonObject> ws = admin.webSocket("");
    MqttClient fp1 = server.station("FP-1", "fp1-secret");
    Instant t = CLOCK.instant().minusSeconds(7_200);
    send(fp1, "FP-1", t, "\"do\":2.0");
    long first = next(ws, alert("opened", "FP-1", "exceedance")).getJsonObject("alert").getLong("id");

    JsonArray configured = admin.get("/api/v1/alert-rules").bodyAsJsonObject().getJsonArray("rules");
    JsonArray stricter = configured.copy();
    stricter.getJsonObject(2).put("kOfN", new JsonArray().add(4).add(5));
    try {
      assertThat(admin.put("/api/v1/alert-rules", new JsonObject().put("rules", stricter)).statusCode())
          .isEqualTo(200);
      JsonObject resolved = next(ws, alert("resolved", "FP-1", "exceedance")).getJsonObject("alert");
      assertThat(resolved.getLong("id")).isEqualTo(first);
      assertThat(resolved.getString("resolveComment")).contains("admin 修改了告警规则");

      for (int i = 1; i <= 2; i++) {
        send(fp1, "FP-1", t.plusSeconds(60L * i), "\"do\":2.0");
      }
      assertThat(ws).as("3 of 5 is not yet 4").filteredOn(alert("opened", "FP-1", "exceedance")).hasSize(1);
      send(fp1, "FP-1", t.plusSeconds(180), "\"do\":2.0");
      next(ws, m -> alert("opened", "FP-1", "exceedance").test(m) && m.getJsonObject("alert").getLong("id") != first);
    } finally {
      admin.put("/api/v1/alert-rules", new JsonObject().put("rules", configured));
    }
  }

  @Test
  void givenWronglyTypedFields_thenTheAnswerIs400SayingWhat_notAServerError() {
    TestServer.Officer admin = server.login("admin", "admin-pw");

    var silence = admin.post("/api/v1/silences", new JsonObject().put("reason", "x").put("minutes", "an hour"));
    assertThat(silence.statusCode()).isEqualTo(400);
    assertThat(silence.bodyAsJsonObject().getString("error")).contains("minutes a number");
    assertThat(admin.post("/api/v1/silences", new JsonObject().put("reason", "x").put("minutes", 9_000_000_000_000_000L))
        .statusCode()).as("minutes past any date").isEqualTo(400);
    assertThat(admin.put("/api/v1/alert-rules", new JsonObject().put("rules", "all")).statusCode()).isEqualTo(400);
  }
}
