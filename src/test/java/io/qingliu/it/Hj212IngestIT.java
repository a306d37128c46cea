package io.qingliu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingliu.ingest.hj212.Hj212Crc;
import io.qingliu.ingest.hj212.Hj212Frames;
import io.qingliu.testing.MutableClock;
import io.qingliu.testing.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HJ 212 data loggers over real TCP sockets, MQTT and HTTP, into PostgreSQL. */
class Hj212IngestIT {

  static final MutableClock CLOCK = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.HOURS));
  static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
      .withZone(ZoneId.of("Asia/Shanghai"));
  static final String MN = "33010600000000000000A012";
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK, o -> o.getHj212().setStallMillis(500).setMaxFramesPerSecond(50));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** An hourly upload (CN 2061) of the test section at {@code at}, asking for an answer (Flag=5). */
  static String hourly(String qn, Instant at, String cp) {
    return Hj212Frames.frame("QN=" + qn + ";ST=21;CN=2061;PW=123456;MN=" + MN + ";Flag=5;CP=&&DataTime="
        + DATA_TIME.format(at) + ";" + cp + "&&");
  }

  static long rows(String where) {
    return ((Number) server.db.scalar("SELECT count(*) FROM readings r JOIN stations s ON s.no = r.station_no WHERE "
        + where)).longValue();
  }

  static Socket connect() throws IOException {
    Socket s = new Socket("localhost", server.hj212Port);
    s.setSoTimeout(10_000);
    return s;
  }

  static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      b.append((char) c);
    }
    return b.toString().strip();
  }

  /** True when the server closed the connection (read returns end of stream, or the write fails). */
  static boolean closedByServer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void givenAnHourlyUploadOverTcp_thenItIsStored_andThe9014AnswerCarriesItsQn() throws Exception {
    Instant hour = CLOCK.instant().minus(Duration.ofHours(2));
    String frame = hourly("20240601100512345", hour, "w01009-Avg=5.84,w01009-Flag=N;w21003-Avg=1.32,w21003-Flag=N;"
        + "w21011-Avg=0.187,w21011-Flag=N;w01001-Avg=7.62,w01001-Flag=N;w20115-Avg=3,w20115-Flag=N");
    try (Socket s = connect()) {
      s.getOutputStream().write(frame.getBytes(StandardCharsets.US_ASCII));
      String answer = readLine(s.getInputStream());
      assertThat(answer).startsWith("##0087QN=20240601100512345;ST=91;CN=9014;PW=123456;MN=" + MN + ";Flag=4;CP=&&&&");
      // The answer is sent after the commit.
      assertThat(rows("s.id = 'HJ-1' AND ts = '" + hour + "' AND v_nh3n = 1.32 AND v_do = 5.84")).isEqualTo(1);
      assertThat(server.db.scalar("SELECT v_cd FROM readings r JOIN stations s ON s.no = r.station_no "
          + "WHERE s.id = 'HJ-1' AND ts = '" + hour + "'")).as("Cd arrives in µg/L, is stored in mg/L")
          .isEqualTo(0.003);
    }
  }

  @Test
  void givenASplitUpload_thenBothPartsAreAnsweredOnceTheWholeIsStoredAsOneReading() throws Exception {
    Instant hour = CLOCK.instant().minus(Duration.ofHours(3));
    String head = "ST=21;CN=2061;PW=123456;MN=" + MN + ";Flag=7;PNUM=2;PNO=";
    String cp = ";CP=&&DataTime=" + DATA_TIME.format(hour) + ";";
    String part1 = Hj212Frames.frame("QN=20240601100512001;" + head + "1" + cp + "w01001-Avg=7.1,w01001-Flag=N&&");
    String part2 = Hj212Frames.frame("QN=20240601100512002;" + head + "2" + cp + "w21003-Avg=0.4,w21003-Flag=N&&");
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(part1.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(rows("s.id = 'HJ-1' AND ts = '" + hour + "'")).as("half an upload is not a reading").isZero();
      out.write(part2.getBytes(StandardCharsets.US_ASCII));
      String a1 = readLine(s.getInputStream());
      String a2 = readLine(s.getInputStream());
      assertThat(a1 + a2).contains("QN=20240601100512001").contains("QN=20240601100512002");
      assertThat(rows("s.id = 'HJ-1' AND ts = '" + hour + "' AND v_ph = 7.1 AND v_nh3n = 0.4")).isEqualTo(1);
    }
  }

  @Test
  void givenABadCrcAndAWrongPassword_thenNothingIsStored_andTheNextGoodFrameOnTheSameConnectionIs() throws Exception {
    Instant hour = CLOCK.instant().minus(Duration.ofHours(4));
    String good = hourly("20240601100512100", hour, "w01001-Avg=7.3,w01001-Flag=N");
    String badCrc = good.substring(0, good.length() - 6) + "0000\r\n";
    String wrongPw = hourly("20240601100512101", hour.minus(Duration.ofHours(1)), "w01001-Avg=7.3")
        .replace("PW=123456", "PW=999999");
    wrongPw = Hj212Frames.frame(wrongPw.substring(6, wrongPw.length() - 6));
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write((badCrc + wrongPw + good).getBytes(StandardCharsets.US_ASCII));
      assertThat(readLine(s.getInputStream())).contains("QN=20240601100512100");
    }
    assertThat(rows("s.id = 'HJ-1' AND ts IN ('" + hour + "', '" + hour.minus(Duration.ofHours(1)) + "')"))
        .isEqualTo(1);
    String metrics = server.server.registry().scrape();
    assertThat(metrics).contains("qingliu_ingest_rejected_total{protocol=\"hj212\",reason=\"bad_crc\"}")
        .contains("qingliu_ingest_rejected_total{protocol=\"hj212\",reason=\"bad_credentials\"}");
  }

  @Test
  void givenALoggerConfiguredForModbusCrc_thenItsLowByteFirstModbusChecksumIsAccepted() throws Exception {
    Instant minute = CLOCK.instant().minus(Duration.ofMinutes(30));
    String segment = "ST=32;CN=2011;PW=654321;MN=LEGACY00000001;Flag=5;QN=20240601100512200;CP=&&DataTime="
        + DATA_TIME.format(minute) + ";w01018-Rtd=31.5,w01018-Flag=N&&";
    byte[] seg = segment.getBytes(StandardCharsets.US_ASCII);
    int modbus = Hj212Crc.modbus(seg, 0, seg.length);
    String crc = String.format("%02X%02X", modbus & 0xFF, modbus >>> 8);
    String frame = String.format("##%04d", seg.length) + segment + crc + "\r\n";
    try (Socket s = connect()) {
      s.getOutputStream().write(frame.getBytes(StandardCharsets.US_ASCII));
      assertThat(readLine(s.getInputStream())).contains("CN=9014");
    }
    assertThat(rows("s.id = 'HJ-2' AND v_cod = 31.5")).isEqualTo(1);
  }

  @Test
  void givenHalfAFrameThatStalls_thenTheConnectionIsCutOff_whileOthersKeepFlowing() throws Exception {
    try (Socket stalled = connect(); Socket healthy = connect()) {
      stalled.getOutputStream().write("##0231QN=2024060110".getBytes(StandardCharsets.US_ASCII));
      Instant hour = CLOCK.instant().minus(Duration.ofHours(6));
      healthy.getOutputStream().write(hourly("20240601100512300", hour, "w01001-Avg=7.0")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(readLine(healthy.getInputStream())).contains("QN=20240601100512300");
      assertThat(closedByServer(stalled)).as("a stalled half frame is cut off").isTrue();
    }
    assertThat(server.server.registry().scrape()).contains("qingliu_hj212_cut_off_total{reason=\"stall\"}");
  }

  @Test
  void givenTenMegabytesWithoutAFrame_thenTheConnectionIsCutOff() throws Exception {
    try (Socket s = connect()) {
      byte[] junk = new byte[64 * 1024];
      java.util.Arrays.fill(junk, (byte) 'x');
      int sent = 0;
      try {
        for (; sent < 160; sent++) {
          s.getOutputStream().write(junk);
        }
      } catch (IOException closed) {
        // The server closed the connection mid-stream: what we want.
      }
      assertThat(sent).as("cut off long before 10 MB").isLessThan(160);
    }
    assertThat(server.server.registry().scrape()).contains("qingliu_hj212_cut_off_total{reason=\"garbage\"}");
  }

  @Test
  void givenAFloodOfFrames_thenTheConnectionIsCutOff() throws Exception {
    StringBuilder flood = new StringBuilder();
    Instant t = CLOCK.instant().minus(Duration.ofDays(2));
    for (int i = 0; i < 200; i++) {
      flood.append(hourly(String.format("20240601100%06d", i), t.plusSeconds(i), "w01001-Avg=7.0"));
    }
    try (Socket s = connect()) {
      try {
        s.getOutputStream().write(flood.toString().getBytes(StandardCharsets.US_ASCII));
      } catch (IOException closed) {
        // cut off while writing
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> closedByServer(s));
    }
    assertThat(server.server.registry().scrape()).contains("qingliu_hj212_cut_off_total{reason=\"flood\"}");
  }

  @Test
  void givenTheSameFrameOverMqttAndHttp_thenBothPathsStoreIt() throws Exception {
    Instant h1 = CLOCK.instant().minus(Duration.ofHours(8));
    MqttAsyncClient c = server.mqtt5("HJ-1", "hj1-secret");
    IMqttToken t = c.publish("qingliu/v1/stations/HJ-1/hj212", new MqttMessage(
        hourly("20240601100512400", h1, "w01001-Avg=7.4").getBytes(StandardCharsets.US_ASCII), 1, false, null));
    t.waitForCompletion(10_000);
    assertThat(t.getReasonCodes()).containsExactly(0);
    assertThat(rows("s.id = 'HJ-1' AND ts = '" + h1 + "' AND v_ph = 7.4")).isEqualTo(1);
    IMqttToken other = server.mqtt5("S1", "s1-secret").publish("qingliu/v1/stations/S1/hj212", new MqttMessage(
        hourly("20240601100512401", h1, "w01001-Avg=7.4").getBytes(StandardCharsets.US_ASCII), 1, false, null));
    other.waitForCompletion(10_000);
    assertThat(other.getReasonCodes()).as("S1 cannot speak for HJ-1's MN").containsExactly(0x87);

    Instant h2 = CLOCK.instant().minus(Duration.ofHours(9));
    String body = hourly("20240601100512402", h2, "w01001-Avg=7.5").strip() + "\n" + "##0010garbage!1234\n";
    var r = TestServer.await(WebClient.create(server.client).post(server.httpPort, "localhost", "/api/v1/hj212")
        .sendBuffer(Buffer.buffer(body)));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonArray frames = r.bodyAsJsonObject().getJsonArray("frames");
    assertThat(frames.getJsonObject(0).getString("status")).isEqualTo("accepted");
    assertThat(frames.getJsonObject(0).getString("answer")).contains("QN=20240601100512402");
    assertThat(frames.getJsonObject(1).getString("status")).isEqualTo("rejected");
    assertThat(rows("s.id = 'HJ-1' AND ts = '" + h2 + "' AND v_ph = 7.5")).isEqualTo(1);
  }
}
