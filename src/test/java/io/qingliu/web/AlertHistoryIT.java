package io.qingliu.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.testing.MutableClock;
import io.qingliu.testing.Seed;
import io.qingliu.testing.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alert history: search by time, station, kind, severity and state; CSV export; who may read it. */
class AlertHistoryIT {

  static final Instant NOW = Instant.parse("2026-11-28T16:00:00Z");
  static TestServer server;
  static TestServer.Officer viewer;
  static long resolvedAmmonia;
  static long ackedOffline;
  static long openHostile;
  static long lastMonth;

  @BeforeAll
  static void start() {
    server = TestServer.start(MutableClock.at(NOW));
    resolvedAmmonia = Seed.alert("S1", "exceedance", "major").parameter("nh3n").opened(NOW.minus(Duration.ofHours(30)))
        .acknowledged(NOW.minus(Duration.ofHours(29)), "officer", "=HYPERLINK(\"http://evil\",\"点我\")")
        .resolved(NOW.minus(Duration.ofHours(28))).insert(server.db);
    ackedOffline = Seed.alert("S1", "offline", "minor").opened(NOW.minus(Duration.ofHours(5)))
        .acknowledged(NOW.minus(Duration.ofHours(4)), "officer", "已通知运维, 明早到场").insert(server.db);
    openHostile = Seed.alert("S2", "exceedance", "critical").parameter("tp").message("@SUM(1+1)*cmd|' /C calc'!A0")
        .opened(NOW.minus(Duration.ofHours(1))).insert(server.db);
    lastMonth = Seed.alert("S2", "device", "warning").parameter("do").opened(NOW.minus(Duration.ofDays(30)))
        .resolved(NOW.minus(Duration.ofDays(29))).insert(server.db);
    viewer = server.login("viewer", "viewer-pw");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<Long> ids(String query) {
    HttpResponse<Buffer> r = viewer.get("/api/v1/alerts/history" + query);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonArray alerts = r.bodyAsJsonObject().getJsonArray("alerts");
    return alerts.stream().map(a -> ((JsonObject) a).getLong("id")).toList();
  }

  @Test
  void givenNoFilter_whenSearched_thenTheLastSevenDaysAreListedNewestFirst() {
    assertThat(ids("")).containsExactly(openHostile, ackedOffline, resolvedAmmonia);
  }

  @Test
  void givenATimeRange_whenSearched_thenAlertsActiveInItAreFound() {
    assertThat(ids("?from=" + NOW.minus(Duration.ofDays(31)) + "&to=" + NOW.minus(Duration.ofDays(28))))
        .containsExactly(lastMonth);
    // Opened before the window but not resolved until inside it: it was going on, so it is found.
    assertThat(ids("?from=" + NOW.minus(Duration.ofMinutes(29 * 60 + 30)) + "&to=" + NOW.minus(Duration.ofHours(20))))
        .containsExactly(resolvedAmmonia);
  }

  @Test
  void givenEachFilter_whenSearched_thenOnlyMatchingAlertsAreFound() {
    assertThat(ids("?station=S2")).containsExactly(openHostile);
    assertThat(ids("?kind=offline")).containsExactly(ackedOffline);
    assertThat(ids("?severity=major")).containsExactly(resolvedAmmonia);
    assertThat(ids("?state=open")).containsExactly(openHostile);
    assertThat(ids("?state=acknowledged")).containsExactly(ackedOffline);
    assertThat(ids("?state=resolved")).containsExactly(resolvedAmmonia);
    assertThat(ids("?station=S1&kind=exceedance&severity=major&state=resolved")).containsExactly(resolvedAmmonia);
    assertThat(ids("?station=S1&severity=critical")).isEmpty();
  }

  @Test
  void givenALimit_whenMoreMatch_thenTheAnswerSaysItWasCut() {
    JsonObject body = viewer.get("/api/v1/alerts/history?limit=2").bodyAsJsonObject();
    assertThat(body.getJsonArray("alerts")).hasSize(2);
    assertThat(body.getBoolean("truncated")).isTrue();
    assertThat(viewer.get("/api/v1/alerts/history").bodyAsJsonObject().getBoolean("truncated")).isFalse();
  }

  @Test
  void givenBadFilters_whenSearched_thenRefusedWith400() {
    for (String q : new String[] {"?kind=flood", "?severity=urgent", "?state=closed", "?station=NOPE", "?limit=0",
        "?limit=x", "?from=yesterday"}) {
      assertThat(viewer.get("/api/v1/alerts/history" + q).statusCode()).as(q).isEqualTo(400);
    }
  }

  @Test
  void givenAlertsWithHostileText_whenExportedAsCsv_thenFieldsAreQuotedAndFormulasDefused() {
    HttpResponse<Buffer> r = viewer.get("/api/v1/alerts/history.csv");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("content-type")).startsWith("text/csv");
    assertThat(r.getHeader("content-disposition")).contains("attachment");
    String csv = r.bodyAsString();
    assertThat(csv).startsWith(AlertCsv.BOM + "id,stationId,stationName,");
    String[] lines = csv.split("\r\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[1]).startsWith(openHostile + ",S2,<img src=x onerror=alert(1)>,exceedance,tp,critical,open,")
        .endsWith(",'@SUM(1+1)*cmd|' /C calc'!A0");
    assertThat(lines[2]).contains(",\"已通知运维, 明早到场\",")
        .as("times in the network's zone").contains(",2026-11-28T19:00:00+08:00,");
    assertThat(lines[3]).contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\",");
  }

  @Test
  void givenEveryRole_whenReadingHistory_thenAllMayRead_butNobodyWithoutASession() {
    assertThat(server.login("officer", "officer-pw").get("/api/v1/alerts/history").statusCode()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/alerts/history.csv?station=S1").statusCode()).isEqualTo(200);
    WebClient anonymous = WebClient.create(server.client);
    for (String path : new String[] {"/api/v1/alerts/history", "/api/v1/alerts/history.csv"}) {
      assertThat(TestServer.await(anonymous.get(server.httpPort, "localhost", path).send()).statusCode()).as(path)
          .isEqualTo(401);
    }
  }

  @Test
  void givenAViewer_whenAcknowledging_thenForbidden_andTheAlertStaysOpen() {
    HttpResponse<Buffer> r = viewer.post("/api/v1/alerts/" + openHostile + "/ack",
        new JsonObject().put("comment", "x"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(ids("?state=open")).containsExactly(openHostile);
  }
}
