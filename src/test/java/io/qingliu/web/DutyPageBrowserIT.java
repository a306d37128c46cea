package io.qingliu.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.qingliu.testing.Chromium;
import io.qingliu.testing.MutableClock;
import io.qingliu.testing.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The duty page in Debian's headless Chromium against the real server: log in, see an alert arrive without a reload,
 * acknowledge it, and never execute what a station calls itself. Screenshots go to target/screenshots.
 */
class DutyPageBrowserIT {

  static final MutableClock CLOCK = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  static TestServer server;
  static WebDriver browser;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK);
    browser = Chromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    server.close();
  }

  static WebDriverWait waiting() {
    return Chromium.waiting(browser);
  }

  static void screenshot(String name) throws Exception {
    Chromium.screenshot(browser, name);
  }

  @Test
  void givenAnOfficerOnTheDesk_whenAStationExceeds_thenTheAlertAppearsLive_andCanBeAcknowledged() throws Exception {
    Chromium.login(browser, server.httpPort, "officer", "officer-pw");

    // The hostile station name is shown as text, not run as markup.
    WebElement hostile = waiting().until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("li.station-item[data-station-id='S2'] .station-name")));
    assertThat(hostile.getText()).isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(browser.findElements(By.cssSelector("#station-list img"))).isEmpty();

    MqttClient s2 = server.station("S2", "s2-secret");
    Instant t = CLOCK.instant().minusSeconds(300);
    for (int i = 0; i < 3; i++) {
      TestServer.await(s2.publish("qingliu/v1/stations/S2/readings", Buffer.buffer("{\"ts\":\"" + t.plusSeconds(60L * i)
          + "\",\"values\":{\"nh3n\":0.9}}"), MqttQoS.AT_LEAST_ONCE, false, false));
    }
    WebElement row = waiting().until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("tr.alert-row[data-acknowledged='false']")));
    assertThat(row.findElement(By.cssSelector(".alert-station")).getText()).isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(browser.findElements(By.cssSelector("#alerts-body img"))).isEmpty();
    screenshot("desk-alert-live");

    row.findElement(By.cssSelector(".ack-button")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("ack-comment"))).sendKeys("已派人现场核查");
    browser.findElement(By.id("ack-confirm")).click();
    waiting().until(ExpectedConditions.attributeToBe(By.cssSelector("tr.alert-row"), "data-acknowledged", "true"));
    WebElement acked = browser.findElement(By.cssSelector("tr.alert-row[data-acknowledged='true']"));
    assertThat(acked.findElement(By.cssSelector(".alert-ack-by")).getText()).contains("officer");
    assertThat(acked.findElement(By.cssSelector(".alert-ack-comment")).getText()).contains("已派人现场核查");
    assertThat(server.db.scalar("SELECT ack_comment FROM alerts WHERE station_id = 'S2'")).isEqualTo("已派人现场核查");
    screenshot("desk-alert-acknowledged");

    List<String> alertsShown = browser.findElements(By.cssSelector(".alert-station")).stream()
        .map(WebElement::getText).toList();
    assertThat(alertsShown).hasSize(1);
  }
}
