package io.qingliu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingliu.ListenFailure;
import io.qingliu.testing.FreePort;
import io.qingliu.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A port another program holds (Mosquitto on 1883, as on the CI machines) stops the start with a line saying how to
 * move it.
 */
class ListenFailureIT {

  @Test
  void givenAnotherProgramOnTheMqttPort_whenTheServerStarts_thenItFailsNamingThePortAndTheSettingsThatMoveIt()
      throws IOException {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("0.0.0.0", 0));
      int port = squatter.getLocalPort();

      assertThatThrownBy(() -> TestServer.start(Clock.systemUTC(), o -> o.getMqtt().setPort(port)))
          .cause().isInstanceOf(ListenFailure.class)
          .hasMessageContaining("cannot listen for MQTT on port " + port)
          .hasMessageContaining("QINGLIU_MQTT_PORT").hasMessageContaining("\"mqtt.port\"");
    }
  }

  @Test
  void givenAnotherProgramOnTheHttpPort_whenTheServerStarts_thenItFailsNamingHttpAndReleasesTheMqttPortItHadOpened()
      throws IOException, InterruptedException {
    int mqtt = FreePort.next();
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("0.0.0.0", 0));
      int http = squatter.getLocalPort();

      assertThatThrownBy(() -> TestServer.start(Clock.systemUTC(), o -> {
        o.getMqtt().setPort(mqtt);
        o.setHttpPort(http);
      }))
          .cause().isInstanceOf(ListenFailure.class)
          .hasMessageContaining("cannot listen for HTTP on port " + http)
          .hasMessageContaining("QINGLIU_HTTP_PORT");
    }
    // MQTT had bound before HTTP failed; a server that could not start must not keep holding it (it closes
    // asynchronously, so allow it a moment).
    assertThat(bindsWithin(mqtt, Duration.ofSeconds(10))).as("port %d released", mqtt).isTrue();
  }

  private static boolean bindsWithin(int port, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress("0.0.0.0", port));
        return true;
      } catch (IOException stillHeld) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(50);
      }
    }
  }
}
