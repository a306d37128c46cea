package io.qingliu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingliu.testing.MutableClock;
import io.qingliu.testing.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/readings}: batches from stations and integrators, answered item by item, committed before 2xx. */
class HttpIngestIT {

  static final MutableClock CLOCK = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  static TestServer server;
  static WebClient http;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK, o -> o.setMaxIngestBodyBytes(256 * 1024).setIntegrators(new JsonArray()
        .add(new JsonObject().put("name", "river-api").put("key", "k-river").put("stations", new JsonArray()
            .add("S*")))));
    http = WebClient.create(server.client);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<Buffer> post(String auth, String contentType, String body) {
    return TestServer.await(http.post(server.httpPort, "localhost", "/api/v1/readings")
        .putHeader("Authorization", auth).putHeader("Content-Type", contentType)
        .sendBuffer(Buffer.buffer(body)));
  }

  static String basic(String id, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  static long rows(String where) {
    return ((Number) server.db.scalar("SELECT count(*) FROM readings r JOIN stations s ON s.no = r.station_no WHERE "
        + where)).longValue();
  }

  @Test
  void givenAStationBatch_thenGoodItemsAreCommittedBeforeThe200_andBadOnesAreExplained() {
    Instant t = CLOCK.instant().minusSeconds(7_000);
    String body = new JsonArray()
        .add(new JsonObject().put("ts", t.toString()).put("values", new JsonObject().put("ph", 7.2)))
        .add(new JsonObject().put("ts", "not a time").put("values", new JsonObject().put("ph", 7.3)))
        .add(new JsonObject().put("station", "S2").put("ts", t.toString()).put("values", new JsonObject().put("ph", 7)))
        .add(new JsonObject().put("ts", t.plusSeconds(60).toString()).put("values", new JsonObject().put("do", 8.1)))
        .encode();
    HttpResponse<Buffer> r = post(basic("S1", "s1-secret"), "application/json", body);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject answer = r.bodyAsJsonObject();
    assertThat(answer.getInteger("accepted")).isEqualTo(2);
    assertThat(answer.getInteger("rejected")).isEqualTo(2);
    JsonArray items = answer.getJsonArray("items");
    assertThat(items.getJsonObject(1).getJsonArray("errors").getJsonObject(0).getString("reason")).isEqualTo("bad_ts");
    assertThat(items.getJsonObject(2).getJsonArray("errors").getJsonObject(0).getString("reason"))
        .isEqualTo("not_authorized");
    assertThat(rows("s.id = 'S1' AND ts IN ('" + t + "', '" + t.plusSeconds(60) + "')")).isEqualTo(2);
    assertThat(rows("s.id = 'S2' AND ts = '" + t + "'")).isZero();
  }

  @Test
  void givenAnIntegratorSendsNdjson_thenItWritesTheStationsInItsScopeOnly() {
    Instant t = CLOCK.instant().minusSeconds(6_000);
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      ndjson.append("{\"station\":\"").append(i % 2 == 0 ? "S1" : "S2").append("\",\"ts\":\"")
          .append(t.plusSeconds(i)).append("\",\"values\":{\"ph\":7.0,\"do\":7.5,\"nh3n\":0.2}}\n");
    }
    ndjson.append("{\"station\":\"OF-1\",\"ts\":\"").append(t).append("\",\"values\":{\"cod\":20}}\n");
    HttpResponse<Buffer> r = post("Bearer k-river", "application/x-ndjson", ndjson.toString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getInteger("accepted")).isEqualTo(1_000);
    assertThat(r.bodyAsJsonObject().getJsonArray("items").getJsonObject(1_000).getJsonArray("errors")
        .getJsonObject(0).getString("detail")).contains("integrator river-api may write only [S*]");
    assertThat(rows("ts >= '" + t + "' AND ts < '" + t.plusSeconds(1_000) + "'")).isEqualTo(1_000);
  }

  @Test
  void givenBadCredentials_thenA401_andAnOversizedBodyGetsAClear413() {
    assertThat(post(basic("S1", "nope"), "application/json", "[]").statusCode()).isEqualTo(401);
    assertThat(post("Bearer wrong", "application/json", "[]").statusCode()).isEqualTo(401);
    HttpResponse<Buffer> big = post(basic("S1", "s1-secret"), "application/json", "[" + "1,".repeat(150_000) + "1]");
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(big.bodyAsJsonObject().getString("error")).contains("larger than the limit");
    assertThat(server.server.registry().scrape())
        .contains("qingliu_ingest_rejected_total{protocol=\"http\",reason=\"bad_credentials\"} 2.0");
  }

  @Test
  void givenFlaggedValues_thenTheyAreStoredWithTheirFlags_andOnlyDeviceFaultsAlert() {
    Instant t = CLOCK.instant().minusSeconds(5_000);
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 4; i++) {
      batch.add(new JsonObject().put("ts", t.plusSeconds(60L * i).toString())
          .put("values", new JsonObject().put("nh3n", 9.0).put("ph", 7.1))
          .put("flags", new JsonObject().put("nh3n", "M")));
    }
    batch.add(new JsonObject().put("ts", t.plusSeconds(300).toString())
        .put("values", new JsonObject().put("tp", 0.1)).put("flags", new JsonObject().put("w21011", "D")));
    HttpResponse<Buffer> r = post(basic("S1", "s1-secret"), "application/json", batch.encode());
    assertThat(r.bodyAsJsonObject().getInteger("accepted")).isEqualTo(5);
    assertThat(server.db.scalar("SELECT flags->>'nh3n' FROM readings WHERE ts = '" + t + "'")).isEqualTo("M");
    assertThat(server.db.scalar("SELECT flags FROM readings WHERE ts = '" + t.plusSeconds(60) + "' AND flags ? 'ph'"))
        .as("N is not stored").isNull();
    await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) server.db.scalar(
        "SELECT count(*) FROM alerts WHERE station_id = 'S1' AND kind = 'device' AND parameter = 'tp'"))
        .intValue() == 1);
    assertThat(((Number) server.db.scalar("SELECT count(*) FROM alerts WHERE station_id = 'S1' AND kind = "
        + "'exceedance' AND parameter = 'nh3n'")).intValue()).as("maintenance values are not the river's doing")
        .isZero();
  }
}
