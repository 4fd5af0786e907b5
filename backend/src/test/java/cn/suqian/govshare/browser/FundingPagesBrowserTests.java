package cn.suqian.govshare.browser;

import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.LocalDate;
import java.time.ZoneId;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static cn.suqian.govshare.browser.BrowserTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filing form with inline validation, the office's review queue, the finance board with a verdict's detail
 * (rules, evidence, the plan's sentence, exemptions) and the auditors' effectiveness view, in headless Chromium,
 * on the demo city's budget year.
 */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FundingPagesBrowserTests {

    @LocalServerPort
    int port;

    WebDriver driver;
    final int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + 1;

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

    void signOut() {
        driver.findElement(By.id("logout")).click();
        waitFor(driver).until(d -> d.getCurrentUrl().contains("/login"));
    }

    @Test
    void a_department_files_with_inline_validation_and_sees_what_is_still_missing() {
        signIn(driver, base(), "dept-water");
        driver.get(base() + "/filings.html?year=" + year);
        awaitLoaded(driver);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("项目备案");
        driver.findElement(By.id("filing-new")).click();
        waitFor(driver).until(d -> !d.findElements(By.id("filing-form")).isEmpty());
        driver.findElement(By.id("filing-save")).click();
        waitFor(driver).until(d -> "true".equals(d.findElement(By.id("filing-name")).getDomAttribute("aria-invalid")));
        assertThat(driver.findElement(By.id("filing-name-error")).getText()).isNotBlank();
        driver.findElement(By.id("filing-name")).sendKeys("水文监测站点运维");
        driver.findElement(By.id("filing-omAmount")).clear();
        driver.findElement(By.id("filing-omAmount")).sendKeys("120000");
        driver.findElement(By.id("filing-save")).click();
        waitFor(driver).until(d -> d.findElement(By.id("filing-table")).getText().contains("水文监测站点运维"));
        waitFor(driver).until(d -> !d.findElements(By.id("filing-missing")).isEmpty());
        assertThat(driver.findElement(By.id("filing-missing")).getText()).contains("提交前还须填写", "绩效目标");
        assertThat(driver.findElement(By.id("filing-history")).getText()).contains("草稿");
        BrowserTestSupport.screenshot(driver, "filing-form");
        // the refused save (400) is the only error the browser saw
        assertThat(consoleErrors(driver)).allSatisfy(e -> assertThat(e).contains("400"));
        signOut();
    }

    @Test
    void the_office_sees_the_review_queue() {
        signIn(driver, base(), "admin");
        driver.get(base() + "/filings.html?year=" + year);
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#filing-table tbody tr")).size() >= 1);
        assertThat(driver.findElement(By.id("filing-table")).getText()).contains("已提交", "审核中");
        assertThat(driver.findElement(By.id("filing-table")).getText()).doesNotContain("草稿", "已通过");
        driver.findElements(By.cssSelector("#filing-table tbody tr")).stream().filter(r -> r.getText().contains("已提交")).findFirst()
                .orElseThrow().click();
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("[data-action='START_REVIEW']")).isEmpty());
        BrowserTestSupport.screenshot(driver, "filing-review-queue");
        assertThat(consoleErrors(driver)).isEmpty();
        signOut();
    }

    @Test
    void finance_reads_the_board_and_a_verdicts_rules_evidence_and_plan_sentence() {
        signIn(driver, base(), "finance");
        driver.get(base() + "/eligibility.html?year=" + year);
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#board-table tbody tr")).size() >= 24);
        assertThat(driver.findElement(By.id("eligibility-totals")).getText()).contains("申请合计", "可安排合计", "已决定合计");
        assertThat(driver.findElement(By.id("board-table")).getText()).contains("不符合", "须复核");
        WebElement row = driver.findElement(By.cssSelector("#board-table tbody tr"));
        row.click();
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#rule-outcomes li")).isEmpty());
        String detail = driver.findElement(By.id("eligibility-detail")).getText();
        assertThat(detail).contains("R8", "R10", "“");
        assertThat(detail).contains("须复核：缺少事实 上年度评估结果", "尚无 " + (year - 1) + " 年度已发布的评估结果");
        assertThat(detail).doesNotContain("organisation.assessmentGrade", "NEEDS_REVIEW", "filing ");
        assertThat(driver.findElements(By.id("decision-form"))).isNotEmpty();
        BrowserTestSupport.screenshot(driver, "eligibility-board");
        assertThat(consoleErrors(driver)).isEmpty();
        signOut();
    }

    @Test
    void auditors_see_the_effectiveness_of_special_funds() {
        signIn(driver, base(), "auditor");
        driver.get(base() + "/effectiveness.html?year=" + year);
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.id("funded-table")).isEmpty());
        assertThat(driver.findElement(By.id("effectiveness-content")).getText()).contains("每万元", "获得经费的系统", "背离资格结论");
        assertThat(driver.findElements(By.cssSelector("#funded-table tbody tr"))).isNotEmpty();
        BrowserTestSupport.screenshot(driver, "effectiveness");
        assertThat(consoleErrors(driver)).isEmpty();
        signOut();
    }
}
