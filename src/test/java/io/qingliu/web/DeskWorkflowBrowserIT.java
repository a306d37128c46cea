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
import org.openqa.selenium.support.ui.Select;

/**
 * The desk's workflow views in Debian's headless Chromium against the real server: an admin silences a station and
 * its open alert turns muted live; the river schematic draws the network, colours a station by its class and opens
 * its station view on a click.
 */
class DeskWorkflowBrowserIT {

  static final MutableClock CLOCK = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  static TestServer server;
  static WebDriver browser;

  @BeforeAll
  static void start() {
    // The escalation test moves the clock by minutes; no station must go offline here because of it.
    server = TestServer.start(CLOCK, o -> o.setOfflineFactor(1_000_000));
    browser = Chromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    server.close();
  }

  static void publish(MqttClient station, String id, Instant ts, String values) {
    TestServer.await(station.publish("qingliu/v1/stations/" + id + "/readings",
        Buffer.buffer("{\"ts\":\"" + ts + "\",\"values\":{" + values + "}}"), MqttQoS.AT_LEAST_ONCE, false, false));
  }

  /** Three readings a minute apart from {@code from}: enough for a 3-of-5 exceedance. */
  static void threeReadings(String id, String secret, Instant from, String values) {
    MqttClient station = server.station(id, secret);
    for (int i = 0; i < 3; i++) {
      publish(station, id, from.plusSeconds(60L * i), values);
    }
  }

  @Test
  void givenAnAlertOnTheDesk_whenAnAdminSilencesItsStation_thenTheRowTurnsMuted_andTheReasonShowsAsText()
      throws Exception {
    Chromium.login(browser, server.httpPort, "admin", "admin-pw");
    threeReadings("HJ-1", "hj1-secret", CLOCK.instant().minusSeconds(600), "\"nh3n\":1.6");
    Chromium.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.alert-row")));

    new Select(Chromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("silence-station"))))
        .selectByValue("HJ-1");
    browser.findElement(By.id("silence-reason")).sendKeys("<img src=x onerror=alert(1)>更换探头");
    browser.findElement(By.id("silence-create")).click();

    WebElement muted = Chromium.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("tr.alert-row.is-muted .muted-note")));
    assertThat(muted.getText()).isEqualTo("已静默");
    WebElement reason = Chromium.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#silence-list .silence-reason")));
    assertThat(reason.getText()).isEqualTo("<img src=x onerror=alert(1)>更换探头");
    assertThat(browser.findElements(By.cssSelector("#silence-list img"))).isEmpty();
    assertThat(browser.findElement(By.cssSelector("#silence-list .silence-meta")).getText()).contains("admin");
    Chromium.screenshot(browser, "desk-silenced");
  }

  @Test
  void givenAnOfficer_thenTheSilenceFormIsNotOffered() {
    WebDriver officer = Chromium.start();
    try {
      Chromium.login(officer, server.httpPort, "officer", "officer-pw");
      // The panel is set up once the network is loaded: its station list fills then.
      Chromium.waiting(officer).until(ExpectedConditions.numberOfElementsToBeMoreThan(
          By.cssSelector("#silence-station option"), 1));
      assertThat(officer.findElement(By.id("silence-form")).isDisplayed()).isFalse();
    } finally {
      officer.quit();
    }
  }

  @Test
  void givenTheNetwork_thenTheSchematicDrawsEveryStation_colouredByItsClass_namesAsText_andAClickOpensItsView() throws Exception {
    WebDriver officer = Chromium.start();
    try {
      Chromium.login(officer, server.httpPort, "officer", "officer-pw");
      Chromium.waiting(officer).until(ExpectedConditions.numberOfElementsToBe(
          By.cssSelector("#schematic [data-station-id]"), 6));
      assertThat(officer.findElements(By.cssSelector("#schematic polyline.reach"))).hasSize(2);
      WebElement hostile = officer.findElement(By.cssSelector("#schematic [data-station-id='S2'] title"));
      assertThat(hostile.getAttribute("textContent")).isEqualTo("<img src=x onerror=alert(1)> (S2)");
      assertThat(officer.findElements(By.cssSelector("#schematic img"))).isEmpty();

      publish(server.station("S1", "s1-secret"), "S1", CLOCK.instant().minusSeconds(30), "\"nh3n\":1.8");
      Chromium.waiting(officer).until(ExpectedConditions.attributeContains(
          By.cssSelector("#schematic [data-station-id='S1']"), "class", "cls-5"));

      Chromium.screenshot(officer, "desk-schematic");
      officer.findElement(By.cssSelector("#schematic [data-station-id='S1']")).click();
      Chromium.waiting(officer).until(ExpectedConditions.urlContains("#station/S1"));
    } finally {
      officer.quit();
    }
  }

  @Test
  void givenTwoAlertsAtOneStation_thenTheDeskGroupsThemUnderOneRow_withCounts_foldable_andFilteredBySeverity()
      throws Exception {
    WebDriver officer = Chromium.start();
    try {
      Chromium.login(officer, server.httpPort, "officer", "officer-pw");
      threeReadings("OF-1", "of1-secret", CLOCK.instant().minusSeconds(1_200), "\"cod\":80,\"nh3n\":12");
      Chromium.waiting(officer).until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("tr.group-row[data-station-id='OF-1'] .group-count"), "2 条告警"));
      WebElement group = officer.findElement(By.cssSelector("tr.group-row[data-station-id='OF-1']"));
      assertThat(group.getText()).contains("某化工厂排口").contains("未确认 2");
      Chromium.screenshot(officer, "desk-grouped");

      group.findElement(By.cssSelector(".group-toggle")).click();
      Chromium.waiting(officer).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr.alert-row"),
          countAlertRowsOtherThan(officer, "OF-1")));
      assertThat(officer.findElements(By.cssSelector("tr.group-row[data-station-id='OF-1']"))).hasSize(1);

      new Select(officer.findElement(By.id("filter-severity"))).selectByValue("warning");
      Chromium.waiting(officer).until(ExpectedConditions.numberOfElementsToBe(
          By.cssSelector("tr.group-row[data-station-id='OF-1']"), 0));
    } finally {
      officer.quit();
    }
  }

  @Test
  void givenACriticalAlertNobodyAcknowledges_thenTheBannerCallsAgain_andItsLogTakesAnAssigneeAndComments()
      throws Exception {
    WebDriver officer = Chromium.start();
    try {
      Chromium.login(officer, server.httpPort, "officer", "officer-pw");
      threeReadings("S2", "s2-secret", CLOCK.instant().minusSeconds(900), "\"tp\":0.5");
      WebElement row = Chromium.waiting(officer).until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("tr.alert-row.sev-critical[data-acknowledged='false']")));

      CLOCK.advance(java.time.Duration.ofMinutes(11));
      TestServer.await(server.server.sweepAlerts());
      WebElement banner = Chromium.waiting(officer).until(ExpectedConditions.visibilityOfElementLocated(
          By.id("escalation-banner")));
      assertThat(banner.getText()).contains("<img src=x onerror=alert(1)>").contains("第 1 次提醒");
      officer.findElement(By.id("escalation-dismiss")).click();

      row = officer.findElement(By.cssSelector("tr.alert-row.sev-critical[data-acknowledged='false']"));
      row.findElement(By.cssSelector(".trail-button")).click();
      Chromium.waiting(officer).until(ExpectedConditions.visibilityOfElementLocated(By.id("trail-comment")))
          .sendKeys("<b>已通知</b>");
      officer.findElement(By.id("trail-add")).click();
      officer.findElement(By.id("trail-assign")).click();
      Chromium.waiting(officer).until(ExpectedConditions.numberOfElementsToBe(
          By.cssSelector("#trail-list .trail-event"), 4));
      List<String> trail = officer.findElements(By.cssSelector("#trail-list .trail-event")).stream()
          .map(WebElement::getText).toList();
      assertThat(trail.get(0)).contains("告警产生");
      assertThat(trail.get(1)).contains("升级提醒");
      assertThat(trail.get(2)).contains("备注").contains("officer").contains("<b>已通知</b>");
      assertThat(trail.get(3)).contains("指派");
      assertThat(officer.findElements(By.cssSelector("#trail-list b"))).isEmpty();
      assertThat(officer.findElement(By.id("trail-summary")).getText()).contains("负责人：officer")
          .doesNotContain("null");
      Chromium.screenshot(officer, "desk-alert-log");
    } finally {
      officer.quit();
    }
  }

  /** The alert rows the desk shows for stations other than {@code stationId}: those stay when it is folded. */
  private static int countAlertRowsOtherThan(WebDriver page, String stationId) {
    return (int) page.findElements(By.cssSelector("tr.alert-row")).stream()
        .filter(r -> !stationId.equals(r.findElement(By.cssSelector(".alert-station")).getAttribute("title")))
        .count();
  }
}
