package io.qingliu.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CI smoke load test: the smoke scenario, pointed at a real server on free ports with a fresh database, run
 * in-process for 5 s at 500 readings/s over MQTT QoS 1. It asserts that nothing is lost or duplicated and everything
 * sent is acknowledged and stored: correctness under load, not a speed.
 */
class SmokeLoadtestIT {

  @Test
  @Timeout(180)
  void smokeScenarioLosesNothing(@TempDir Path reports) throws Exception {
    try (TestServer server = TestServer.start(Clock.systemUTC())) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      String http = "http://localhost:" + server.httpPort;
      int exit = new CommandLine(new LoadtestCommand().output(out)).execute(
          "--scenario", "loadtest/scenarios/smoke.json",
          "--mqtt", "localhost:" + server.mqttPort,
          "--api", http,
          "--ws", "ws://localhost:" + server.httpPort + "/ws",
          "--db", server.db.url(),
          "--user", "officer", "--password", "officer-pw",
          "--secrets", TestServer.NETWORK,
          "--rate", "500", "--duration", "5", "--qos", "1", "--alert-every", "100",
          "--out", reports.toString());
      String output = bytes.toString(StandardCharsets.UTF_8);
      System.out.println(output);
      assertThat(exit).as(output).isZero();

      String[] lines = output.strip().split("\n");
      JsonObject summary = new JsonObject(lines[lines.length - 1]);
      assertThat(summary.fieldNames()).containsExactly("sent", "acked", "rate", "puback_p50_ms", "puback_p99_ms",
          "puback_p999_ms", "e2e_alert_p99_ms", "stored", "lost", "duplicates");
      long sent = summary.getLong("sent");
      assertThat(sent).as(output).isGreaterThan(1_000);
      assertThat(summary.getLong("acked")).as(output).isEqualTo(sent);
      assertThat(summary.getLong("lost")).as(output).isZero();
      assertThat(summary.getLong("duplicates")).as(output).isZero();
      assertThat(summary.getLong("stored")).as(output).isEqualTo(sent);
      assertThat(summary.getDouble("puback_p99_ms")).as(output).isNotNull();
      // Alert bursts were sent to the river stations and their alerts came back on the WebSocket.
      assertThat(summary.getDouble("e2e_alert_p99_ms")).as(output).isNotNull();
      // Same count in the database, asked directly.
      assertThat(((Number) server.db.scalar("SELECT count(*) FROM readings")).longValue()).isEqualTo(sent);

      try (Stream<Path> runs = Files.list(reports)) {
        Path run = runs.findFirst().orElseThrow();
        assertThat(run.resolve("puback.hgrm")).isRegularFile();
        assertThat(Files.readString(run.resolve("report.html"))).contains("<svg").doesNotContain("<script");
      }
    }
  }
}
