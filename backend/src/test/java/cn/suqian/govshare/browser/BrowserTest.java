package cn.suqian.govshare.browser;

import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test class starts from: the application on its port, one headless Chromium for the class
 * (started before its first test, quit after its last), and the page addresses under {@link #base()}.
 */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {

    @LocalServerPort
    int port;

    WebDriver driver;

    String base() {
        return "http://localhost:" + port;
    }

    @BeforeAll
    void startBrowser() throws Exception {
        driver = BrowserTestSupport.startChromium();
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }
}
