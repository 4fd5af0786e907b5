package cn.suqian.govshare.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

/**
 * Headless Debian Chromium driven through its chromedriver ({@code apt-get install chromium chromium-driver});
 * nothing is downloaded. Flags keep Chromium off the network, which is closed here.
 */
final class BrowserTestSupport {

    static final String CHROMIUM = System.getProperty("govshare.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("govshare.chromedriver", "/usr/bin/chromedriver");

    private BrowserTestSupport() {
    }

    static WebDriver startChromium() throws Exception {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver (looked for " + CHROMIUM + " and " + CHROMEDRIVER + ")");
        }
        Path profile = Files.createTempDirectory("govshare-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile, "--lang=zh-CN");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // a navigation that never completes fails in half a minute instead of Selenium's five (see open())
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /**
     * Opens a page. Headless Chromium has been seen, rarely, to leave a navigation from a just-signed-out page pending
     * for minutes while the server answered the same URL at once (curl: 18 ms); such a load is stopped and opened again.
     */
    static void open(WebDriver driver, String url) {
        try {
            driver.get(url);
        } catch (org.openqa.selenium.TimeoutException e) {
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.stop()");
            driver.get(url);
        }
    }

    static WebDriverWait waitFor(WebDriver driver) {
        // pages re-render lists as data arrives; an element read mid-render is simply read again
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    static void signIn(WebDriver driver, String baseUrl, String username) {
        open(driver, baseUrl + "/login");
        // every test starts from the defaults (Chinese), whatever the previous one switched to
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.localStorage.clear()");
        open(driver, baseUrl + "/login");
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("login-submit")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("login-submit")).click();
        waitFor(driver).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    static void awaitLoaded(WebDriver driver) {
        waitFor(driver).until(d -> "true".equals(d.findElement(By.tagName("main")).getDomAttribute("data-loaded")));
    }

    /** Saves what the browser shows to target/screenshots/{name}.png, for people reviewing a run. */
    static void screenshot(WebDriver driver, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(dir.resolve(name + ".png"), png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Console errors since the last call (reading the log clears it). */
    static List<String> consoleErrors(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }
}
