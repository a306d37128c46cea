package io.qingliu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingliu.QingliuServer;
import io.qingliu.config.QingliuOptions;
import io.qingliu.testing.Chromium;
import io.qingliu.testing.FreePort;
import io.qingliu.testing.MutableClock;
import io.qingliu.testing.TestServer;
import io.qingliu.tracing.Preprocessor;
import io.qingliu.sim.SpectrumMixer;
import io.qingliu.tracing.TestSpectra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Fingerprint tracing end to end, on real spectra (src/test/resources/tracing, copied from ../shared/data/eem, see
 * the README there): an admin loads the library over the API; tracing station FP-1 publishes hourly Columbia River
 * samples over MQTT as its baseline, then a sample with 5 % of a bay-water discharge (a sample of the E04 class that
 * is not among the references); the officer's page receives a fluorescence alert naming the upstream enterprise whose
 * references are of that class.
 *
 * <p>Test network: E1 and E2 discharge into R1, above FP-1 (R2 km 1); E3 is below it. E1 and E3 get the same bay-water
 * references, E2 estuary ones: only the river network can tell E1 from E3.
 */
class FluorescenceTracingIT {

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

  static JsonObject file(String id) {
    try {
      return new JsonObject(Files.readString(Path.of(TestSpectra.class.getResource("/tracing/" + id + ".json")
          .toURI())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static void addReference(TestServer.Officer admin, String enterprise, String id) {
    var r = admin.post("/api/v1/library/references", new JsonObject().put("enterprise", enterprise)
        .put("referenceId", id).put("note", "test library").put("eem", file(id)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
  }

  static void publish(MqttAsyncClient fp, JsonObject spectrum, Instant ts) throws Exception {
    IMqttToken t = fp.publish("qingliu/v1/stations/FP-1/eem", new MqttMessage(
        spectrum.copy().put("ts", ts.toString()).encode().getBytes(StandardCharsets.UTF_8), 1, false, null));
    t.waitForCompletion(10_000);
    assertThat(t.getReasonCodes()).containsExactly(0);
  }

  /** The river sample on its own grid plus {@code f} × the source with 2 % noise, as the benchmark builds cases. */
  static JsonObject mixed(String river, String source, double f) {
    return SpectrumMixer.mix(TestSpectra.eem(river), new Preprocessor().reference(TestSpectra.eem(source)), f,
        new Random(7));
  }

  /**
   * What the officer sees, in a real browser: the ranked candidates and the sample, baseline and reference maps, under
   * the station's name as an admin renamed it while the page was open.
   */
  static void seenOnTheDesk(TestServer.Officer admin) throws Exception {
    WebDriver browser = Chromium.start();
    try {
      Chromium.login(browser, server.httpPort, "officer", "officer-pw");
      Chromium.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("tr.alert-row .trace-open")));
      assertThat(admin.put("/api/v1/stations/FP-1/settings", new JsonObject().put("name", "荧光溯源新站名"))
          .statusCode()).isEqualTo(200);
      Chromium.waiting(browser).until(ExpectedConditions.textToBe(
          By.cssSelector("tr.alert-row .alert-station"), "荧光溯源新站名"));
      Chromium.waiting(browser).until(ExpectedConditions.elementToBeClickable(
          By.cssSelector("tr.alert-row .trace-open"))).click();
      assertThat(Chromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("trace-title")))
          .getText()).as("the dialog names the station as the desk does, not as the alert was written")
          .endsWith("荧光溯源新站名");
      WebElement first = Chromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("#trace-dialog .trace-candidates tbody tr")));
      assertThat(first.getText()).contains("E1").contains("某化工厂").contains("10.0 km");
      Chromium.waiting(browser).until(ExpectedConditions.numberOfElementsToBe(
          By.cssSelector("#trace-dialog .trace-map canvas"), 3));
      Chromium.screenshot(browser, "desk-trace");
    } finally {
      browser.quit();
    }
  }

  @Test
  void givenABaselineOverMqtt_whenAFewPercentOfAnUpstreamEnterprisesDischargeArrives_thenThePageGetsAnAlertNamingIt()
      throws Exception {
    TestServer.Officer admin = server.login("admin", "admin-pw");
    for (String id : TestSpectra.E04) {
      addReference(admin, "E1", id);
      addReference(admin, "E3", id);
    }
    for (String id : TestSpectra.E05) {
      addReference(admin, "E2", id);
    }
    JsonObject library = admin.get("/api/v1/library").bodyAsJsonObject();
    JsonArray refs = library.getJsonArray("references");
    assertThat(refs.stream().filter(r -> "E1".equals(((JsonObject) r).getString("enterprise")))).hasSize(2);
    assertThat(library.getLong("version")).as("the server traces with every reference added")
        .isEqualTo(refs.getJsonObject(refs.size() - 1).getLong("id"));

    TestServer.Officer officer = server.login("officer", "officer-pw");
    List<JsonObject> ws = officer.webSocket("");
    MqttAsyncClient fp = server.mqtt5("FP-1", "fp1-secret");
    Instant t0 = CLOCK.instant().minus(5, ChronoUnit.HOURS);
    for (int i = 0; i < 3; i++) {
      publish(fp, file(TestSpectra.RIVER[i]), t0.plus(i, ChronoUnit.HOURS));
    }
    Instant sampleTs = t0.plus(3, ChronoUnit.HOURS);
    publish(fp, mixed(TestSpectra.RIVER[3], TestSpectra.E04_SOURCE, 0.05), sampleTs);

    JsonObject alert = AlertFlowIT.next(ws, AlertFlowIT.alert("opened", "FP-1", "fluorescence"))
        .getJsonObject("alert");
    JsonObject detail = alert.getJsonObject("detail");
    assertThat(detail.getString("verdict")).isEqualTo("enterprise");
    assertThat(detail.getString("source")).isEqualTo("E1");
    assertThat(detail.getString("sampleTs")).isEqualTo(sampleTs.toString());
    assertThat(detail.getJsonArray("baselineTs")).hasSize(3);
    JsonObject top = detail.getJsonArray("candidates").getJsonObject(0);
    assertThat(top.getString("enterpriseId")).isEqualTo("E1");
    assertThat(top.getString("name")).isEqualTo("某化工厂");
    assertThat(top.getJsonObject("outfall").getString("id")).isEqualTo("OF-E1");
    assertThat(top.getDouble("distanceKm")).as("R1 from km 1 (9 km) + R2 to km 1").isEqualTo(10.0);
    assertThat(top.getDouble("share")).isBetween(0.01, 0.12);
    assertThat(top.getDouble("similarity")).isGreaterThan(0.8);
    assertThat(top.getDouble("confidence")).isBetween(0.0, 1.0);
    assertThat(top.getJsonArray("cameras").getJsonObject(0).getString("id")).isEqualTo("CAM-2");
    assertThat(top.getJsonObject("bestReference").getLong("id")).isNotNull();
    assertThat(detail.getJsonArray("candidates").stream().map(c -> ((JsonObject) c).getString("enterpriseId")))
        .as("E3 discharges below the station").doesNotContain("E3");
    assertThat(alert.getString("message")).contains("E1");
    seenOnTheDesk(admin);

    // The discharge has passed: the next sample is river water again, and the alert resolves.
    publish(fp, mixed(TestSpectra.RIVER[3], TestSpectra.E04_SOURCE, 0), sampleTs.plus(1, ChronoUnit.HOURS));
    fp.disconnect().waitForCompletion();
    assertThat(AlertFlowIT.next(ws, AlertFlowIT.alert("resolved", "FP-1", "fluorescence")).getJsonObject("alert")
        .getLong("id")).isEqualTo(alert.getLong("id"));

    JsonObject history = officer.get("/api/v1/enterprises/E1/traces").bodyAsJsonObject();
    assertThat(history.getJsonArray("matches")).hasSize(1);
    assertThat(history.getJsonArray("matches").getJsonObject(0).getString("station")).isEqualTo("FP-1");
    assertThat(history.getJsonArray("days").getJsonObject(0).getLong("matches")).isEqualTo(1L);
    assertThat(history.getJsonArray("days").getJsonObject(0).getString("day")).as("the network's day, not UTC's")
        .isEqualTo(LocalDate.ofInstant(sampleTs, ZoneId.of(history.getString("zone"))).toString());
    assertThat(history.getString("zone")).isEqualTo("Asia/Shanghai");
    long ref = top.getJsonObject("bestReference").getLong("id");
    assertThat(officer.get("/api/v1/library/references/" + ref).bodyAsJsonObject().getJsonArray("intensity"))
        .as("the best reference reads back for the heat map").isNotEmpty();
  }

  @Test
  void givenStoredNormalSpectra_whenAServerStartsOnTheDatabase_thenItsFirstSpectrumIsTracedAgainstThemAtOnce()
      throws Exception {
    MqttAsyncClient fp = server.mqtt5("FP-1", "fp1-secret");
    Instant t0 = CLOCK.instant().minus(30, ChronoUnit.HOURS);
    for (int i = 0; i < 3; i++) {
      publish(fp, file(TestSpectra.RIVER[i]), t0.plus(i, ChronoUnit.HOURS));
    }
    fp.disconnect().waitForCompletion();

    QingliuOptions options = new QingliuOptions().setDbUrl(server.db.url()).setHttpPort(FreePort.next())
        .setNetworkFile(TestServer.NETWORK).setShards(1);
    options.getMqtt().setPort(FreePort.next());
    options.getHj212().setPort(FreePort.next());
    QingliuServer restarted = TestServer.await(QingliuServer.start(options, CLOCK));
    try {
      MqttAsyncClient again = new MqttAsyncClient("tcp://localhost:" + options.getMqtt().getPort(), "paho-restart",
          new MemoryPersistence());
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setUserName("FP-1");
      o.setPassword("fp1-secret".getBytes(StandardCharsets.UTF_8));
      again.connect(o).waitForCompletion(10_000);
      publish(again, file(TestSpectra.RIVER[3]), t0.plus(3, ChronoUnit.HOURS));
      again.disconnect().waitForCompletion();
      await().atMost(Duration.ofSeconds(10)).until(() -> outcome(restarted, "normal") == 1);
      assertThat(outcome(restarted, "baseline")).as("the baseline came back from the database").isZero();
    } finally {
      TestServer.await(restarted.close());
    }
  }

  static double outcome(QingliuServer s, String outcome) {
    var c = s.registry().find("qingliu.trace.spectra").tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void givenTheLibraryApi_thenOnlyAnAdminAddsReferences_andAReferenceIdIsAddedOnce() {
    JsonObject body = new JsonObject().put("enterprise", "E2").put("referenceId", "once")
        .put("eem", file(TestSpectra.E05[0]));
    assertThat(server.login("officer", "officer-pw").post("/api/v1/library/references", body).statusCode())
        .isEqualTo(403);
    TestServer.Officer admin = server.login("admin", "admin-pw");
    assertThat(admin.post("/api/v1/library/references", body).statusCode()).isEqualTo(201);
    assertThat(admin.post("/api/v1/library/references", body).statusCode()).isEqualTo(409);
    assertThat(admin.post("/api/v1/library/references", body.copy().put("enterprise", "E9")).statusCode())
        .isEqualTo(400);
    JsonObject listed = admin.get("/api/v1/library").bodyAsJsonObject().getJsonArray("references").stream()
        .map(JsonObject.class::cast).filter(r -> "once".equals(r.getString("referenceId"))).findFirst().orElseThrow();
    assertThat(listed.getString("addedBy")).isEqualTo("admin");
    assertThat(listed.getString("addedAt")).isNotNull();
  }
}
