package io.qingliu.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.qingliu.testing.Browser;
import io.qingliu.testing.MutableClock;
import io.qingliu.testing.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The desk's workflow views in Debian's headless Chromium against the real server: an admin silences a station and
 * its open alert turns muted live; the river schematic draws the network and colours a station by its class.
 */
class DeskWorkflowBrowserIT {

  static final MutableClock CLOCK = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  static TestServer server;
  static Browser browser;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK);
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  @Test
  void givenAnAlertOnTheDesk_whenAnAdminSilencesItsStation_thenTheRowTurnsMuted_andTheReasonShowsAsText()
      throws Exception {
    browser.logIn(server, "admin", "admin-pw");
    MqttClient hj1 = server.station("HJ-1", "hj1-secret");
    Instant t = CLOCK.instant().minusSeconds(600);
    for (int i = 0; i < 3; i++) {
      TestServer.await(hj1.publish("qingliu/v1/stations/HJ-1/readings", Buffer.buffer("{\"ts\":\""
          + t.plusSeconds(60L * i) + "\",\"values\":{\"nh3n\":1.6}}"), MqttQoS.AT_LEAST_ONCE, false, false));
    }
    browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.alert-row")));

    new Select(browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("silence-station"))))
        .selectByValue("HJ-1");
    browser.driver.findElement(By.id("silence-reason")).sendKeys("<img src=x onerror=alert(1)>更换探头");
    browser.driver.findElement(By.id("silence-create")).click();

    WebElement muted = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("tr.alert-row.is-muted .muted-note")));
    assertThat(muted.getText()).isEqualTo("已静默");
    WebElement reason = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#silence-list .silence-reason")));
    assertThat(reason.getText()).isEqualTo("<img src=x onerror=alert(1)>更换探头");
    assertThat(browser.driver.findElements(By.cssSelector("#silence-list img"))).isEmpty();
    assertThat(browser.driver.findElement(By.cssSelector("#silence-list .silence-meta")).getText()).contains("admin");
    browser.screenshot("desk-silenced");
  }

  @Test
  void givenAnOfficer_thenTheSilenceFormIsNotOffered() {
    try (Browser officer = Browser.start()) {
      officer.logIn(server, "officer", "officer-pw");
      // The panel is set up once the network is loaded: its station list fills then.
      officer.waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(
          By.cssSelector("#silence-station option"), 1));
      assertThat(officer.driver.findElement(By.id("silence-form")).isDisplayed()).isFalse();
    }
  }

  @Test
  void givenTheNetwork_thenTheSchematicDrawsEveryStation_colouredByItsClass_withNamesAsText() throws Exception {
    try (Browser officer = Browser.start()) {
      officer.logIn(server, "officer", "officer-pw");
      officer.waiting().until(ExpectedConditions.numberOfElementsToBe(
          By.cssSelector("#schematic [data-station-id]"), 6));
      assertThat(officer.driver.findElements(By.cssSelector("#schematic polyline.reach"))).hasSize(2);
      WebElement hostile = officer.driver.findElement(By.cssSelector("#schematic [data-station-id='S2'] title"));
      assertThat(hostile.getAttribute("textContent")).isEqualTo("<img src=x onerror=alert(1)> (S2)");
      assertThat(officer.driver.findElements(By.cssSelector("#schematic img"))).isEmpty();

      MqttClient s1 = server.station("S1", "s1-secret");
      TestServer.await(s1.publish("qingliu/v1/stations/S1/readings", Buffer.buffer("{\"ts\":\""
          + CLOCK.instant().minusSeconds(30) + "\",\"values\":{\"nh3n\":1.8}}"), MqttQoS.AT_LEAST_ONCE, false, false));
      officer.waiting().until(ExpectedConditions.attributeContains(
          By.cssSelector("#schematic [data-station-id='S1']"), "class", "cls-5"));

      ((JavascriptExecutor) officer.driver).executeScript("document.addEventListener("
          + "'qingliu:open-station', (e) => { window.openedStation = e.detail.id; });");
      officer.driver.findElement(By.cssSelector("#schematic [data-station-id='S1']")).click();
      assertThat(((JavascriptExecutor) officer.driver).executeScript(
          "return window.openedStation;")).isEqualTo("S1");
      officer.screenshot("desk-schematic");
    }
  }
}
