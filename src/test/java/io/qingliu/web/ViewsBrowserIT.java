package io.qingliu.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.testing.Chromium;
import io.qingliu.testing.MutableClock;
import io.qingliu.testing.Seed;
import io.qingliu.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The station view, alert history and shift handover in headless Chromium against the real server, as a viewer:
 * read everything, acknowledge nothing; and an admin changing a station's settings on its view. Screenshots go to
 * target/screenshots.
 */
class ViewsBrowserIT {

  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  static TestServer server;
  static WebDriver browser;
  static long ammonia;
  static long hostileResolved;

  @BeforeAll
  static void start() {
    server = TestServer.start(MutableClock.at(NOW));
    Seed.minuteReadings(server.db, "S1", NOW.minus(Duration.ofDays(2)), 2 * 24 * 60);
    ammonia = Seed.alert("S1", "exceedance", "major").parameter("nh3n").message("氨氮超标")
        .opened(NOW.minus(Duration.ofHours(3))).insert(server.db);
    hostileResolved = Seed.alert("S2", "exceedance", "critical").parameter("tp").opened(NOW.minus(Duration.ofHours(6)))
        .acknowledged(NOW.minus(Duration.ofHours(5)), "officer", "<b>已处理</b>").resolved(NOW.minus(Duration.ofHours(4)))
        .insert(server.db);
    browser = Chromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    server.close();
  }

  static WebElement await(By by) {
    return Chromium.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(by));
  }

  @Test
  void givenAViewer_whenAnAlertIsOpen_thenTheDeskOffersNoAcknowledge_andTheServerRefusesOne() {
    Chromium.login(browser, server.httpPort, "viewer", "viewer-pw");
    WebElement row = await(By.cssSelector("tr.alert-row[data-alert-id='" + ammonia + "']"));
    assertThat(row.findElements(By.cssSelector(".ack-button"))).isEmpty();
    assertThat(row.findElement(By.cssSelector(".alert-ack .muted")).getText()).isEqualTo("尚未确认");

    // Not even a hand-made request gets through: the role is checked on the server.
    Object status = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "const token = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')).slice(11);"
        + "fetch('/api/v1/alerts/" + ammonia + "/ack', {method: 'POST', headers: {'Content-Type': 'application/json',"
        + "'X-XSRF-TOKEN': decodeURIComponent(token)}, body: '{}'}).then((r) => done(r.status));");
    assertThat(status).isEqualTo(403L);
    assertThat(server.db.scalar("SELECT acknowledged_at FROM alerts WHERE id = " + ammonia)).isNull();

    // The alert's station opens the station view, where the alert is shaded on its parameter's chart.
    row.findElement(By.cssSelector(".alert-station")).click();
    WebElement chart = await(By.cssSelector(".station-view[data-station-id='S1'] .chart-card[data-param='nh3n']"));
    assertThat(chart.getDomAttribute("data-alert-marks")).isEqualTo("1");
  }

  @Test
  void givenTwoDaysOfReadings_whenTheStationIsOpened_thenEveryParameterIsChartedWithItsLimitLinesAndAlerts()
      throws Exception {
    Chromium.login(browser, server.httpPort, "viewer", "viewer-pw");
    await(By.cssSelector("li.station-item[data-station-id='S1']")).click();
    WebElement nh3n = await(By.cssSelector(".station-view[data-range='24h'] .chart-card[data-param='nh3n']"));
    Chromium.waiting(browser).until(d -> !nh3n.findElements(By.cssSelector("canvas")).isEmpty());
    assertThat(Integer.parseInt(nh3n.getDomAttribute("data-points"))).as("24 h of 2-minute buckets")
        .isBetween(700, 721);
    assertThat(nh3n.getDomAttribute("data-limit-lines")).as("class III ammonia limit").isEqualTo("1");
    assertThat(nh3n.getDomAttribute("data-alert-marks")).isEqualTo("1");
    assertThat(nh3n.findElement(By.cssSelector(".u-legend")).getText()).contains("III类上限 1.0");
    WebElement ph = browser.findElement(By.cssSelector(".chart-card[data-param='ph']"));
    assertThat(ph.getDomAttribute("data-limit-lines")).as("pH 6-9: two lines").isEqualTo("2");
    assertThat(browser.findElements(By.cssSelector(".chart-card"))).hasSize(6);
    assertThat(browser.findElement(By.cssSelector("a.camera-link[data-camera-id='CAM-1']")).getDomAttribute("href"))
        .isEqualTo("rtsp://video.example.invalid/1");
    assertThat(browser.findElement(By.cssSelector(".station-title")).getText()).isEqualTo("一号微站");
    Chromium.screenshot(browser, "station-chart-24h");
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", nh3n);
    Chromium.screenshot(browser, "station-chart-24h-ammonia-alert");

    browser.findElement(By.cssSelector(".range-link[data-range='7d']")).click();
    WebElement week = await(By.cssSelector(".station-view[data-range='7d'] .chart-card[data-param='nh3n']"));
    assertThat(Integer.parseInt(week.getDomAttribute("data-points"))).as("2 days of 15-minute buckets")
        .isBetween(190, 194);
    Chromium.screenshot(browser, "station-chart-7d");

    browser.findElement(By.id("lang-toggle")).click();
    try {
      Chromium.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector(".chart-card[data-param='nh3n'] .u-legend"), "class III max 1.0"));
      assertThat(browser.findElement(By.cssSelector(".station-title")).getText()).isEqualTo("Station one");
    } finally {
      browser.findElement(By.id("lang-toggle")).click();
    }
  }

  @Test
  void givenPastAlerts_whenHistoryIsSearchedByStationAndKind_thenTheAlertIsFound_andHostileTextStaysText()
      throws Exception {
    Chromium.login(browser, server.httpPort, "viewer", "viewer-pw");
    browser.findElement(By.cssSelector("#view-nav [data-view='history']")).click();
    await(By.cssSelector("#history-station option[value='S2']"));
    new Select(browser.findElement(By.id("history-station"))).selectByValue("S2");
    new Select(browser.findElement(By.id("history-kind"))).selectByValue("exceedance");
    browser.findElement(By.id("history-search")).click();
    Chromium.waiting(browser).until(ExpectedConditions.urlContains("station=S2"));
    WebElement row = await(By.cssSelector("tr.history-row[data-alert-id='" + hostileResolved + "']"));
    assertThat(row.findElement(By.cssSelector(".alert-station")).getText()).isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(row.findElement(By.cssSelector(".history-comment")).getText()).isEqualTo("<b>已处理</b>");
    assertThat(browser.findElements(By.cssSelector("#history-results img, #history-results b"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("tr.history-row"))).hasSize(1);
    assertThat(browser.findElement(By.id("history-export")).getDomAttribute("href"))
        .contains("/api/v1/alerts/history.csv").contains("station=S2").contains("kind=exceedance");
    Chromium.screenshot(browser, "history-search");
  }

  @Test
  void givenAShift_whenTheHandoverIsOpened_thenItListsWhatFiredAndWhoAcknowledgedIt() throws Exception {
    Chromium.login(browser, server.httpPort, "viewer", "viewer-pw");
    browser.findElement(By.cssSelector("#view-nav [data-view='handover']")).click();
    await(By.cssSelector("#handover-fired tr.history-row[data-alert-id='" + ammonia + "']"));
    assertThat(browser.findElements(By.cssSelector("#handover-fired tr.history-row"))).hasSize(2);
    assertThat(browser.findElements(By.cssSelector("#handover-open tr.history-row"))).hasSize(1);
    WebElement action = browser.findElement(By.cssSelector("#handover-actions tr.action-row"));
    assertThat(action.findElement(By.cssSelector(".action-actor")).getText()).isEqualTo("officer");
    assertThat(action.findElement(By.cssSelector(".action-comment")).getText()).isEqualTo("<b>已处理</b>");
    Chromium.screenshot(browser, "handover");
  }

  @Test
  void givenAnAdmin_whenTheyRenameAStationAndChangeItsClassOnItsView_thenViewAndDeskShowIt_andAViewerGetsNoForm()
      throws Exception {
    // Still on the desk, unacknowledged; long enough ago to stay out of the handover.
    long written = Seed.alert("HJ-1", "exceedance", "minor").parameter("tp").opened(NOW.minus(Duration.ofDays(3)))
        .resolved(NOW.minus(Duration.ofDays(2))).insert(server.db);
    server.db.execute("INSERT INTO silences (station_id, reason, created_by, created_at, starts_at, ends_at) VALUES "
        + "('HJ-1', '检修', 'admin', '" + NOW + "', '" + NOW.minus(Duration.ofHours(1)) + "', '"
        + NOW.plus(Duration.ofDays(1)) + "')");
    Chromium.login(browser, server.httpPort, "viewer", "viewer-pw");
    browser.get("http://localhost:" + server.httpPort + "/#station/HJ-1");
    await(By.cssSelector(".station-settings .settings-current"));
    assertThat(browser.findElements(By.cssSelector(".station-settings-form"))).isEmpty();

    Chromium.login(browser, server.httpPort, "admin", "admin-pw");
    browser.get("http://localhost:" + server.httpPort + "/#station/S2");
    WebElement hostile = await(By.cssSelector(".station-settings-form input[name='name']"));
    assertThat(hostile.getDomProperty("value")).isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(browser.findElements(By.cssSelector(".station-view img"))).isEmpty();

    browser.get("http://localhost:" + server.httpPort + "/#station/HJ-1");
    WebElement name = await(By.cssSelector(".station-view[data-station-id='HJ-1'] .station-settings-form "
        + "input[name='name']"));
    name.clear();
    name.sendKeys("钱塘江样例断面");
    new Select(browser.findElement(By.cssSelector(".station-settings-form select[name='targetClass']")))
        .selectByValue("2");
    browser.findElement(By.cssSelector(".settings-save")).click();

    Chromium.waiting(browser).until(ExpectedConditions.textToBe(By.cssSelector(".station-title"), "钱塘江样例断面"));
    WebElement change = await(By.cssSelector(".settings-history li"));
    assertThat(change.getText()).contains("admin").contains("目标类别 II");
    assertThat(server.db.scalar("SELECT target_class FROM stations WHERE id = 'HJ-1'")).isEqualTo(2);
    Chromium.screenshot(browser, "station-settings");
    browser.findElement(By.cssSelector(".view-back")).click();
    Chromium.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("li.station-item[data-station-id='HJ-1']"), "钱塘江样例断面"));
    assertThat(browser.findElement(By.cssSelector("tr.group-row[data-station-id='HJ-1'] .group-station")).getText())
        .as("the desk names stations as the station list does, not as each alert was written").isEqualTo("钱塘江样例断面");
    assertThat(browser.findElement(By.cssSelector("tr.alert-row[data-alert-id='" + written + "'] .alert-station"))
        .getText()).isEqualTo("钱塘江样例断面");
    assertThat(browser.findElement(By.cssSelector("#silence-station option[value='HJ-1']")).getDomProperty("text"))
        .as("the silence form offers the station by its live name, not the one it had at sign-in")
        .isEqualTo("钱塘江样例断面 (HJ-1)");
    assertThat(browser.findElement(By.cssSelector("#silence-list li[data-station-id='HJ-1'] .silence-station"))
        .getDomProperty("textContent"))
        .as("an existing silence names the station by its live name too, without waiting for the list's refresh")
        .isEqualTo("钱塘江样例断面");
  }
}
