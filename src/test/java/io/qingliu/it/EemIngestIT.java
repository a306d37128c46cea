package io.qingliu.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.testing.MutableClock;
import io.qingliu.testing.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spectra from fingerprint stations over MQTT and HTTP, stored compactly and read back as they came. */
class EemIngestIT {

  static final MutableClock CLOCK = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  static TestServer server;
  static JsonObject sample;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(CLOCK);
    sample = new JsonObject(Files.readString(Path.of("src/test/resources/eem/dev-0001-sample.json")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static IMqttToken publish(String station, String secret, String topic, byte[] payload) throws Exception {
    MqttAsyncClient c = server.mqtt5(station, secret);
    IMqttToken t = c.publish(topic, new MqttMessage(payload, 1, false, null));
    t.waitForCompletion(10_000);
    c.disconnect().waitForCompletion();
    return t;
  }

  static byte[] spectrum(Instant ts) {
    return sample.copy().put("ts", ts.toString()).encode().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void givenAFingerprintStationPublishesASpectrum_thenItIsStoredOnItsGrid_andReadsBackAsItCame() throws Exception {
    Instant ts = CLOCK.instant().minusSeconds(3_600);
    IMqttToken t = publish("FP-1", "fp1-secret", "qingliu/v1/stations/FP-1/eem", spectrum(ts));
    assertThat(t.getReasonCodes()).containsExactly(0);

    JsonObject back = server.login("officer", "officer-pw").get("/api/v1/stations/FP-1/eem/" + ts)
        .bodyAsJsonObject();
    assertThat(back.getJsonArray("ex").size()).isEqualTo(sample.getJsonArray("ex").size());
    assertThat(back.getJsonArray("em").size()).isEqualTo(sample.getJsonArray("em").size());
    JsonArray sentRows = sample.getJsonArray("intensity");
    JsonArray gotRows = back.getJsonArray("intensity");
    for (int i = 0; i < sentRows.size(); i++) {
      for (int j = 0; j < sentRows.getJsonArray(i).size(); j++) {
        Object sent = sentRows.getJsonArray(i).getValue(j);
        Object got = gotRows.getJsonArray(i).getValue(j);
        if (sent == null) {
          assertThat(got).as("a scatter-cut cell stays missing").isNull();
        } else {
          assertThat(((Number) got).floatValue()).isEqualTo(((Number) sent).floatValue());
        }
      }
    }
    assertThat(server.db.scalar("SELECT pg_column_size(intensity) < 40000 FROM eem_spectra")).as("float4, compressed")
        .isEqualTo(true);
  }

  @Test
  void givenSizeLimitsPerTopic_thenASpectrumSizedReadingsPayloadIsRefused_butTheSpectrumTopicTakesIt()
      throws Exception {
    byte[] big = spectrum(CLOCK.instant().minusSeconds(1_800));
    assertThat(big.length).isGreaterThan(8 * 1024);
    byte[] padded = new byte[300 * 1024];
    java.util.Arrays.fill(padded, (byte) ' ');
    IMqttToken asReadings = publish("FP-1", "fp1-secret", "qingliu/v1/stations/FP-1/readings", padded);
    assertThat(asReadings.getReasonCodes()).containsExactly(0x99);
    assertThat(asReadings.getResponseProperties().getReasonString()).contains("payload_too_large");
    assertThat(publish("FP-1", "fp1-secret", "qingliu/v1/stations/FP-1/eem", big).getReasonCodes())
        .containsExactly(0);
  }

  @Test
  void givenABrokenSpectrum_thenItIsRefusedWithTheReason_andARiverMicroStationMayNotSendOne() throws Exception {
    JsonObject broken = sample.copy().put("ts", CLOCK.instant().minusSeconds(900).toString());
    broken.getJsonArray("intensity").getJsonArray(3).remove(0);
    IMqttToken t = publish("FP-1", "fp1-secret", "qingliu/v1/stations/FP-1/eem",
        broken.encode().getBytes(StandardCharsets.UTF_8));
    assertThat(t.getReasonCodes()).containsExactly(0x99);
    assertThat(t.getResponseProperties().getReasonString()).contains("intensity[3]");

    IMqttToken wrongKind = publish("S1", "s1-secret", "qingliu/v1/stations/S1/eem",
        spectrum(CLOCK.instant().minusSeconds(800)));
    assertThat(wrongKind.getReasonCodes()).containsExactly(0x87);
  }

  @Test
  void givenHttp_thenAStationPostsItsSpectrum_andOnlyItsOwn() {
    WebClient http = WebClient.create(server.client);
    String auth = "Basic " + Base64.getEncoder().encodeToString("FP-1:fp1-secret".getBytes(StandardCharsets.UTF_8));
    HttpResponse<Buffer> ok = TestServer.await(http.post(server.httpPort, "localhost", "/api/v1/stations/FP-1/eem")
        .putHeader("Authorization", auth).sendBuffer(Buffer.buffer(spectrum(CLOCK.instant().minusSeconds(600)))));
    assertThat(ok.statusCode()).isEqualTo(201);
    HttpResponse<Buffer> other = TestServer.await(http.post(server.httpPort, "localhost", "/api/v1/stations/S1/eem")
        .putHeader("Authorization", auth).sendBuffer(Buffer.buffer(spectrum(CLOCK.instant().minusSeconds(500)))));
    assertThat(other.statusCode()).isEqualTo(403);
    JsonArray listed = server.login("officer", "officer-pw").get("/api/v1/stations/FP-1/eem?from="
        + CLOCK.instant().minusSeconds(700) + "&to=" + CLOCK.instant()).bodyAsJsonArray();
    assertThat(listed).hasSize(1);
  }
}
