package cn.suqian.govshare.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

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
class FundingPagesBrowserTests extends BrowserTest {

    final int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + 1;

    void signOut() {
        driver.findElement(By.id("logout")).click();
        waitFor(driver).until(d -> d.getCurrentUrl().contains("/login"));
    }

    @Test
    void a_department_files_with_inline_validation_and_sees_what_is_still_missing() {
        signIn(driver, base(), "dept-water");
        BrowserTestSupport.open(driver, base() + "/filings.html?year=" + year);
        awaitLoaded(driver);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("项目备案");
        driver.findElement(By.id("filing-new")).click();
        waitFor(driver).until(d -> !d.findElements(By.id("filing-form")).isEmpty());
        driver.findElement(By.id("filing-save")).click();
        waitFor(driver).until(d -> "true".equals(d.findElement(By.id("filing-name")).getDomAttribute("aria-invalid")));
        assertThat(driver.findElement(By.id("filing-name-error")).getText()).isNotBlank();
        driver.findElement(By.id("filing-name")).sendKeys("水文监测站点运维");

        // amounts by funding source, one row each; the totals are their sums
        driver.findElement(By.name("fundingSources[0].source")).sendKeys("财政预算");
        driver.findElement(By.name("fundingSources[0].om")).clear();
        driver.findElement(By.name("fundingSources[0].om")).sendKeys("80000");
        driver.findElement(By.id("funding-sources-add")).click();
        driver.findElement(By.name("fundingSources[1].om")).clear();
        driver.findElement(By.name("fundingSources[1].om")).sendKeys("40000");
        assertThat(driver.findElement(By.id("filing-omAmount")).getDomProperty("value")).isEqualTo("120000.00");
        // a row without its source is refused, the message naming the list, the row and the column
        driver.findElement(By.id("filing-save")).click();
        waitFor(driver).until(d -> !d.findElement(By.id("filing-fundingSources[1].source-error")).getText().isBlank());
        assertThat(driver.findElement(By.id("filing-fundingSources[1].source-error")).getText()).contains("资金来源 第 2 行 来源名称");
        driver.findElement(By.name("fundingSources[1].source")).sendKeys("自筹");

        // the systems involved: picked from the department's inventory by name or code, and a planned one described
        driver.findElement(By.id("filing-system-search")).sendKeys("water.s01");
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#filing-system-list input[data-system='water.s01']")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#filing-system-list .system-pick"))).hasSize(1);
        driver.findElement(By.cssSelector("#filing-system-list input[data-system='water.s01']")).click();
        assertThat(driver.findElement(By.id("filing-system-chosen")).getText()).contains("已选 1 个系统");
        driver.findElement(By.id("planned-systems-add")).click();
        driver.findElement(By.name("plannedSystems[0].name")).sendKeys("水文站点监测平台");
        driver.findElement(By.name("plannedSystems[0].purpose")).sendKeys("汇集站点监测数据");
        BrowserTestSupport.screenshot(driver, "filing-form-rows");
        driver.findElement(By.id("filing-save")).click();
        waitFor(driver).until(d -> d.findElement(By.id("filing-table")).getText().contains("水文监测站点运维"));
        waitFor(driver).until(d -> !d.findElements(By.id("filing-missing")).isEmpty());
        assertThat(driver.findElement(By.id("filing-missing")).getText()).contains("提交前还须填写", "绩效目标");
        assertThat(driver.findElement(By.id("filing-history")).getText()).contains("草稿");
        // saved as filed: both sources, the picked system and the planned one come back into the form
        waitFor(driver).until(d -> !d.findElements(By.name("fundingSources[1].source")).isEmpty());
        assertThat(driver.findElement(By.name("fundingSources[1].source")).getDomProperty("value")).isEqualTo("自筹");
        assertThat(driver.findElement(By.name("plannedSystems[0].name")).getDomProperty("value")).isEqualTo("水文站点监测平台");
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#filing-system-list input[data-system='water.s01']")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#filing-system-list input[data-system='water.s01']")).isSelected()).isTrue();
        BrowserTestSupport.screenshot(driver, "filing-form");
        // the refused saves (400) are the only errors the browser saw
        assertThat(consoleErrors(driver)).allSatisfy(e -> assertThat(e).contains("400"));
        signOut();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_office_grants_and_revokes_an_exemption_on_the_verdict_detail() {
        // a request of the demo year on which an "in principle" rule (R3 or R7) fired
        var board = cn.suqian.govshare.support.Api.as(port, "admin").get().uri("/api/v1/eligibility?year=" + year).exchange()
                .expectStatus().isOk().expectBody(java.util.Map.class).returnResult().getResponseBody();
        var item = ((java.util.List<java.util.Map<String, Object>>) board.get("items")).stream()
                .filter(i -> ((java.util.List<String>) i.get("fired")).stream().anyMatch(r -> r.equals("R3") || r.equals("R7")))
                .findFirst().orElseThrow();
        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, base() + "/eligibility.html?year=" + year + "&filing=" + item.get("filingId"));
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.id("exemption-form")).isEmpty());
        driver.findElement(By.id("exemption-reason")).sendKeys("浏览器测试：过渡期豁免");
        driver.findElement(By.id("exemption-grant")).click();
        waitFor(driver).until(d -> d.findElement(By.id("eligibility-detail")).getText().contains("浏览器测试：过渡期豁免")
                && !d.findElements(By.cssSelector("#exemption-list button[id^='exemption-revoke-']")).isEmpty());
        assertThat(driver.findElement(By.id("verdict-history")).getText()).contains("批准豁免");
        WebElement entry = driver.findElements(By.cssSelector("#exemption-list li")).stream()
                .filter(li -> li.getText().contains("浏览器测试：过渡期豁免")).findFirst().orElseThrow();
        String exemptionId = entry.getDomAttribute("data-exemption");
        driver.findElement(By.id("exemption-revoke-reason-" + exemptionId)).sendKeys("过渡期结束");
        driver.findElement(By.id("exemption-revoke-" + exemptionId)).click();
        waitFor(driver).until(d -> d.findElement(By.cssSelector("#exemption-list li[data-exemption='" + exemptionId + "']")).getText()
                .contains("已撤销"));
        assertThat(driver.findElement(By.cssSelector("#exemption-list li[data-exemption='" + exemptionId + "']")).getText())
                .contains("admin", "过渡期结束");
        assertThat(driver.findElement(By.cssSelector("#verdict-history tbody tr")).getText()).contains("撤销豁免");
        assertThat(driver.findElements(By.id("exemption-revoke-" + exemptionId))).isEmpty();
        BrowserTestSupport.screenshot(driver, "verdict-exemption-revoked");
        assertThat(consoleErrors(driver)).isEmpty();
        signOut();
    }

    @Test
    void the_office_sees_the_review_queue() {
        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, base() + "/filings.html?year=" + year);
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
        BrowserTestSupport.open(driver, base() + "/eligibility.html?year=" + year);
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
        BrowserTestSupport.open(driver, base() + "/effectiveness.html?year=" + year);
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.id("funded-table")).isEmpty());
        assertThat(driver.findElement(By.id("effectiveness-content")).getText()).contains("每万元", "获得经费的系统", "背离资格结论");
        assertThat(driver.findElements(By.cssSelector("#funded-table tbody tr"))).isNotEmpty();
        BrowserTestSupport.screenshot(driver, "effectiveness");
        assertThat(consoleErrors(driver)).isEmpty();
        signOut();
    }
}
