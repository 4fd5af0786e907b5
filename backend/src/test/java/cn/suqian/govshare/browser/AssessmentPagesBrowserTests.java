package cn.suqian.govshare.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import cn.suqian.govshare.assessment.Assessments;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;

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
class AssessmentPagesBrowserTests extends BrowserTest {

    @Autowired
    Assessments assessments;
    @Autowired
    Db db;

    @Test
    void the_ranking_board_shows_departments_and_counties_apart() {
        signIn(driver, base(), "leader");
        BrowserTestSupport.open(driver, base() + "/assessment.html?year=2026");
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
        BrowserTestSupport.open(driver, base() + "/assessment-scorecard.html?year=2025&organisation=water");
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
        BrowserTestSupport.open(driver, base() + "/assessment-methodology.html?year=2026");
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#am-versions tr[data-version='2'] button")).isEmpty());
        driver.findElement(By.cssSelector("#am-versions tr[data-version='2'] button")).click();
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#am-whatif tr[data-org]")).isEmpty());
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("方案比较", "名次变化", "征求意见稿");
        BrowserTestSupport.screenshot(driver, "assessment-what-if");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void a_department_files_a_challenge_on_its_page_and_the_office_decides_it_from_its_queue() throws Exception {
        // a year of this test's own, run and published with the challenge window open
        int year = 2039;
        Actor office = new Actor("admin", null);
        db.inTransaction(office, dsl -> assessments.run(dsl, office, year, null));
        db.inTransaction(office, dsl -> assessments.publish(dsl, office, year,
                new Assessments.PublishInput(java.time.LocalDate.now().plusDays(10))));

        signIn(driver, base(), "dept-water");
        BrowserTestSupport.open(driver, base() + "/assessment-challenges.html?year=" + year);
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElement(By.id("ch-file")).isDisplayed());
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("我的考核异议", "异议期至");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("ch-indicator"))).selectByValue("cloud");
        driver.findElement(By.id("ch-reason")).sendKeys("本单位3个系统已于年内迁入政务云，台账未及时更新");
        java.nio.file.Path evidence = java.nio.file.Files.createTempDirectory("challenge").resolve("迁移验收单.pdf");
        java.nio.file.Files.writeString(evidence, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        // our own Chinese button stands for the browser's file picker (whose "Choose Files" would be English)
        assertThat(driver.findElement(By.cssSelector("label.btn[for=ch-attachments]")).getText()).isEqualTo("选择证明材料");
        driver.findElement(By.id("ch-attachments")).sendKeys(evidence.toAbsolutePath().toString()); // uploaded with the challenge
        assertThat(driver.findElement(By.id("ch-attachments-chosen")).getText()).isEqualTo("迁移验收单.pdf");
        driver.findElement(By.cssSelector("#ch-form button[type=submit]")).click();
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#ch-table tr[data-status='FILED']")).isEmpty());
        waitFor(driver).until(d -> d.findElement(By.id("ch-table")).getText().contains("迁移验收单.pdf"));
        assertThat(driver.findElement(By.id("ch-table")).getText()).contains("系统部署在政务云", "迁移验收单.pdf", "等待电子政务办处理");
        assertThat(driver.findElements(By.cssSelector("#ch-table a[data-attachment]"))).isNotEmpty();
        BrowserTestSupport.screenshot(driver, "assessment-my-challenges");
        assertThat(consoleErrors(driver)).isEmpty();

        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, base() + "/assessment-challenges.html?year=" + year + "&status=FILED");
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#ch-table tr[data-status='FILED'] button[data-action='accept']")).isEmpty());
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("考核异议处理队列", "水利局");
        var row = driver.findElement(By.cssSelector("#ch-table tr[data-status='FILED']"));
        row.findElement(By.cssSelector("input[name=reason]")).sendKeys("核实迁移验收单，更正为满分");
        row.findElement(By.cssSelector("input[name=correctedPercent]")).sendKeys("100");
        BrowserTestSupport.screenshot(driver, "assessment-challenge-queue");
        row.findElement(By.cssSelector("button[data-action='accept']")).click();
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#ch-table tr[data-status='FILED']")).isEmpty());
        BrowserTestSupport.open(driver, base() + "/assessment-challenges.html?year=" + year);
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#ch-table tr[data-status='ACCEPTED']")).isEmpty());
        assertThat(driver.findElement(By.id("ch-table")).getText()).contains("核实迁移验收单，更正为满分", "更正为该指标得分率 100");
        assertThat(consoleErrors(driver)).isEmpty();
    }
}
