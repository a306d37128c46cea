package io.qingliu.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven by Selenium, as the browser tests use it; screenshots go to target/screenshots. */
public final class Chromium {

  private Chromium() {}

  public static WebDriver start() {
    ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,900",
        "--lang=zh-CN");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  public static WebDriverWait waiting(WebDriver browser) {
    return new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  public static void screenshot(WebDriver browser, String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Opens the page as nobody, logs in and waits for the live desk. */
  public static void login(WebDriver browser, int httpPort, String username, String password) {
    browser.get("http://localhost:" + httpPort + "/");
    browser.manage().deleteAllCookies();
    browser.get("http://localhost:" + httpPort + "/");
    waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username"))).sendKeys(username);
    browser.findElement(By.id("login-password")).sendKeys(password);
    browser.findElement(By.id("login-submit")).click();
    waiting(browser).until(ExpectedConditions.attributeToBe(By.id("conn-state"), "data-state", "live"));
  }
}
