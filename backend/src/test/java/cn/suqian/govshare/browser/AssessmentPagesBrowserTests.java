package cn.suqian.govshare.browser;

import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static cn.suqian.govshare.browser.BrowserTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assessment pages over the demo city's 2025 (final) and 2026 (draft) assessments: the ranking board with
 * movement, a department's scorecard with its radar, indicators (not applicable / no data said as such) and its
 * challenge, and the methodology page with versions and the what-if comparison.
 */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessmentPagesBrowserTests {

    @LocalServerPort
    int port;

    WebDriver driver;

    String base() {
        return "http://localhost:" + port;
    }

    @BeforeAll
    void start() throws Exception {
        driver = BrowserTestSupport.startChromium();
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void the_ranking_board_shows_departments_and_counties_apart() {
        signIn(driver, base(), "leader");
        driver.get(base() + "/assessment.html?year=2026");
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#as-departments tr[data-org]")).isEmpty());
        String body = driver.findElement(By.tagName("body")).getText();
        assertThat(body).contains("评价考核排名", "市级部门", "县区及园区", "草稿", "上年总分");
        assertThat(driver.findElements(By.cssSelector("#as-regions tr[data-org]"))).isNotEmpty();
        BrowserTestSupport.screenshot(driver, "assessment-board");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void a_department_sees_its_scorecard_with_every_indicator_explained() {
        signIn(driver, base(), "dept-water");
        driver.get(base() + "/assessment-scorecard.html?year=2025&organisation=water");
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#sc-indicators tr[data-indicator]")).isEmpty());
        String body = driver.findElement(By.tagName("body")).getText();
        assertThat(body).contains("考核成绩单", "网络通", "数据通", "最终结果", "采纳", "更正版本");
        assertThat(driver.findElements(By.cssSelector("#chart-sc-radar canvas"))).isNotEmpty();
        BrowserTestSupport.screenshot(driver, "assessment-scorecard");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void the_office_compares_another_methodology_version() {
        signIn(driver, base(), "admin");
        driver.get(base() + "/assessment-methodology.html?year=2026");
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#am-versions tr[data-version='2'] button")).isEmpty());
        driver.findElement(By.cssSelector("#am-versions tr[data-version='2'] button")).click();
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#am-whatif tr[data-org]")).isEmpty());
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("方案比较", "名次变化", "征求意见稿");
        BrowserTestSupport.screenshot(driver, "assessment-what-if");
        assertThat(consoleErrors(driver)).isEmpty();
    }
}
