package io.qingliu.it;

import static io.qingliu.it.AlertFlowIT.alert;
import static io.qingliu.it.AlertFlowIT.next;
import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.checks.events.DetectorOptions;
import io.qingliu.testing.MutableClock;
import io.qingliu.testing.TestServer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Four hours of a real station (GECCO 2018: pH, conductivity, turbidity, temperature; a labelled event in the last
 * forty minutes) published over MQTT as the tracing station FP-1, minute by minute, ending now. The event detector
 * the server runs must show the event on the duty page's WebSocket, and must not lose what it learnt to a restart.
 */
class EventEpisodeIT {

  static final Path EPISODE = Path.of("src/test/resources/gecco/episode-2016-09-24.csv");
  static final String TOPIC = "qingliu/v1/stations/FP-1/readings";
  static List<String[]> rows;
  /** Index of the first row labelled as the event. */
  static int eventStart;

  @BeforeAll
  static void read() throws IOException {
    rows = Files.readAllLines(EPISODE).stream().skip(1).map(l -> l.split(",")).toList();
    eventStart = 0;
    while (!"TRUE".equals(rows.get(eventStart)[5])) {
      eventStart++;
    }
  }

  static TestServer detecting(MutableClock clock) {
    return TestServer.start(clock, o -> o.setEvents(new DetectorOptions()));
  }

  /** Row i's time: the episode is shifted so that its last row is one minute before the clock. */
  static Instant at(MutableClock clock, int i) {
    return clock.instant().minus(Duration.ofMinutes(rows.size() - i));
  }

  static void publish(TestServer server, MqttClient station, MutableClock clock, int from, int to) {
    for (int i = from; i < to; i++) {
      String[] r = rows.get(i);
      MqttIngestIT.publishAcked(station, TOPIC, "{\"ts\":\"" + at(clock, i) + "\",\"values\":{\"temp\":" + r[1]
          + ",\"ph\":" + r[2] + ",\"cond\":" + r[3] + ",\"turb\":" + r[4] + "}}");
    }
  }

  @Test
  void givenAGeccoEpisodeOverMqtt_thenThePageSeesTheEventWithinMinutesOfItsStart_andNothingBefore() {
    MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    try (TestServer server = detecting(clock)) {
      List<JsonObject> ws = server.login("officer", "officer-pw").webSocket("");
      MqttClient fp1 = server.station("FP-1", "fp1-secret");

      publish(server, fp1, clock, 0, eventStart);
      assertThat(ws).as("four quiet hours page nobody").noneMatch(alert("opened", "FP-1", "event"));
      publish(server, fp1, clock, eventStart, rows.size());

      JsonObject event = next(ws, alert("opened", "FP-1", "event")).getJsonObject("alert");
      Instant opened = Instant.parse(event.getString("openedAt"));
      assertThat(opened).as("dated from its first outlier, at most 3 minutes after the labelled start")
          .isBetween(at(clock, eventStart), at(clock, eventStart + 3));
      assertThat(event.getString("message")).startsWith("水质异常事件").contains("cond").contains("常态");
      assertThat(ws).as("the context signal (temperature) never opens anything on its own")
          .filteredOn(alert("opened", "FP-1", "event")).hasSize(1);
    }
  }

  @Test
  void givenTheServerRestartsJustBeforeTheEvent_thenItRebuildsTheBaselinesFromPostgres_andStillSeesTheEvent() {
    MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    TestServer before = detecting(clock);
    publish(before, before.station("FP-1", "fp1-secret"), clock, 0, eventStart - 5);

    try (TestServer server = before.restart()) {
      List<JsonObject> ws = server.login("officer", "officer-pw").webSocket("");
      publish(server, server.station("FP-1", "fp1-secret"), clock, eventStart - 5, rows.size());

      // Without the history a cold detector spends 20 readings warming up and learns the event as its normal.
      JsonObject event = next(ws, alert("opened", "FP-1", "event")).getJsonObject("alert");
      assertThat(Instant.parse(event.getString("openedAt")))
          .isBetween(at(clock, eventStart), at(clock, eventStart + 3));
    }
  }
}
