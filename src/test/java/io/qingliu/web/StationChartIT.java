package io.qingliu.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.store.ChartQueries;
import io.qingliu.testing.MutableClock;
import io.qingliu.testing.Seed;
import io.qingliu.testing.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The station view's data: 30 days of 1-minute readings downsampled in PostgreSQL, limits, alerts and cameras. */
class StationChartIT {

  static final Instant NOW = Instant.parse("2026-11-28T16:00:00Z");
  static final int MINUTES_IN_30_DAYS = 30 * 24 * 60;
  static TestServer server;
  static TestServer.Officer viewer;

  @BeforeAll
  static void start() {
    server = TestServer.start(MutableClock.at(NOW));
    Seed.minuteReadings(server.db, "S1", NOW.minus(Duration.ofDays(30)), MINUTES_IN_30_DAYS);
    Seed.alert("S1", "exceedance", "major").parameter("nh3n").opened(NOW.minus(Duration.ofDays(2)))
        .resolved(NOW.minus(Duration.ofHours(30))).insert(server.db);
    Seed.alert("S1", "offline", "minor").opened(NOW.minus(Duration.ofDays(20))).resolved(NOW.minus(Duration.ofDays(19)))
        .insert(server.db);
    viewer = server.login("viewer", "viewer-pw");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void givenThirtyDaysOfMinuteData_whenTheChartAsksFor30Days_thenPostgresReturnsBoundedHourlyBuckets() {
    assertThat(server.db.scalar("SELECT count(*) FROM readings")).isEqualTo((long) MINUTES_IN_30_DAYS);
    chart("?range=30d"); // warm-up: connection, prepared statement, buffer cache
    long[] millis = new long[7];
    HttpResponse<Buffer> r = null;
    for (int i = 0; i < millis.length; i++) {
      long t0 = System.nanoTime();
      r = viewer.get("/api/v1/stations/S1/chart?range=30d");
      millis[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    JsonObject body = r.bodyAsJsonObject();
    Arrays.sort(millis);
    // Reported, not asserted: a wall-clock bound would fail on a busy machine, not on a slow query.
    // The load average says how far a shared machine stretched the figures.
    System.out.printf("chart query, 30 days x 1-min (%d rows) -> %d buckets: HTTP answer median %d ms, max %d ms "
        + "(all %s, %d KB); PostgreSQL execution %s ms; load average %.1f on %d CPUs%n", MINUTES_IN_30_DAYS,
        body.getJsonArray("ts").size(), millis[millis.length / 2], millis[millis.length - 1], Arrays.toString(millis),
        r.body().length() / 1024, sqlExecutionMillis(), ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());

    assertThat(body.getLong("bucketSeconds")).isEqualTo(3_600);
    assertThat(body.getJsonArray("ts").size()).as("points are bounded whatever the data")
        .isBetween(720, ChartQueries.MAX_POINTS);
    JsonObject nh3n = body.getJsonObject("series").getJsonObject("nh3n");
    double peak = nh3n.getJsonArray("max").stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElseThrow();
    assertThat(peak).as("the max per bucket keeps the peaks an average would hide").isGreaterThan(1.09);
    assertThat(nh3n.getJsonArray("avg").size()).isEqualTo(body.getJsonArray("ts").size());
  }

  @Test
  void givenEachRangeOfTheStationView_whenCharted_thenNoRangeReturnsMoreThanTheCap() {
    for (String range : new String[] {"24h", "7d", "30d"}) {
      JsonObject body = chart("?range=" + range);
      assertThat(body.getJsonArray("ts").size()).as(range).isPositive().isLessThanOrEqualTo(ChartQueries.MAX_POINTS);
    }
    assertThat(chart("?range=24h").getLong("bucketSeconds")).isEqualTo(120);
    assertThat(chart("?range=7d").getLong("bucketSeconds")).isEqualTo(900);
  }

  @Test
  void givenAClassIIIStation_whenCharted_thenTheTargetClassLimitsAlertsAndCamerasComeWithTheSeries() {
    JsonObject body = chart("?range=30d");
    JsonObject limits = body.getJsonObject("limits");
    assertThat(limits.getJsonObject("nh3n")).isEqualTo(new JsonObject().put("max", 1.0));
    assertThat(limits.getJsonObject("do")).isEqualTo(new JsonObject().put("min", 5.0));
    assertThat(limits.getJsonObject("ph")).isEqualTo(new JsonObject().put("min", 6.0).put("max", 9.0));
    assertThat(limits.containsKey("temp")).as("temperature has no GB 3838 class limit").isFalse();
    assertThat(body.getString("zone")).isEqualTo("Asia/Shanghai");
    assertThat(body.getJsonObject("station").getInteger("targetClass")).isEqualTo(3);

    JsonArray alerts = body.getJsonArray("alerts");
    assertThat(alerts).hasSize(2);
    assertThat(chart("?range=24h").getJsonArray("alerts")).as("an alert resolved a day ago is off a 24 h chart")
        .isEmpty();
    assertThat(body.getJsonArray("cameras").getJsonObject(0).getString("id")).isEqualTo("CAM-1");
  }

  @Test
  void givenAnOutfall_whenCharted_thenItsPermitLimitsAreDrawn() {
    JsonObject limits = chart("OF-1", "?range=24h").getJsonObject("limits");
    assertThat(limits.getJsonObject("cod")).isEqualTo(new JsonObject().put("max", 50.0));
  }

  @Test
  void givenBadRequests_whenCharted_thenTheyAreRefusedPlainly() {
    assertThat(viewer.get("/api/v1/stations/NOPE/chart").statusCode()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/stations/S1/chart?range=forever").statusCode()).isEqualTo(400);
    assertThat(viewer.get("/api/v1/stations/S1/chart?range=400d").statusCode()).isEqualTo(400);
    assertThat(viewer.get("/api/v1/stations/S1/chart?from=2026-11-28T00:00:00Z&to=2026-11-27T00:00:00Z")
        .statusCode()).isEqualTo(400);
    assertThat(TestServer.await(server.login("officer", "officer-pw").web.get("/api/v1/stations/S1/chart").send())
        .statusCode()).isEqualTo(200);
  }

  @Test
  void givenNoSession_whenCharted_thenUnauthorized() {
    HttpResponse<Buffer> r = TestServer.await(WebClient.create(server.client)
        .get(server.httpPort, "localhost", "/api/v1/stations/S1/chart").send());
    assertThat(r.statusCode()).isEqualTo(401);
  }

  /** The chart query's own execution time, as PostgreSQL measures it. */
  static Object sqlExecutionMillis() {
    String plan = String.valueOf(server.db.scalar("EXPLAIN (ANALYZE, FORMAT JSON) SELECT bucket, min(v_ph), "
        + "avg(v_ph), max(v_ph), min(v_do), avg(v_do), max(v_do), min(v_temp), avg(v_temp), max(v_temp), "
        + "min(v_nh3n), avg(v_nh3n), max(v_nh3n), min(v_codmn), avg(v_codmn), max(v_codmn), min(v_tp), avg(v_tp), "
        + "max(v_tp) FROM (SELECT date_bin(INTERVAL '1 hour', ts, TIMESTAMPTZ 'epoch') AS bucket, * FROM readings "
        + "WHERE station_no = (SELECT no FROM stations WHERE id = 'S1') AND ts >= TIMESTAMPTZ '"
        + NOW.minus(Duration.ofDays(30)) + "' AND ts < TIMESTAMPTZ '" + NOW + "' OFFSET 0) AS r GROUP BY bucket "
        + "ORDER BY 1"));
    return new JsonArray(plan).getJsonObject(0).getValue("Execution Time");
  }

  static JsonObject chart(String query) {
    return chart("S1", query);
  }

  static JsonObject chart(String station, String query) {
    HttpResponse<Buffer> r = viewer.get("/api/v1/stations/" + station + "/chart" + query);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }
}
