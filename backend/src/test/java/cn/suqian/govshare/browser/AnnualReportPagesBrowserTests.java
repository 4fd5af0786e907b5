package cn.suqian.govshare.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static cn.suqian.govshare.browser.BrowserTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import cn.suqian.govshare.support.Api;
import org.springframework.http.MediaType;
import java.util.Map;

/**
 * The annual report pages over the demo city's 2025 reports: a department's report with its evidence and its
 * correction flagged, the editor of a new draft (correction with a reason, narrative, save), the leadership
 * overview (on time / late / missing, discrepancies), and the printable report with its charts, printed to PDF.
 */
class AnnualReportPagesBrowserTests extends BrowserTest {

    /** Clicks through script: the sticky header may cover a button scrolled to the top edge. */
    void click(String id) {
        var button = waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id(id)));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button);
    }

    @Test
    void a_department_sees_its_submitted_report_with_evidence_and_its_discrepancy() {
        signIn(driver, base(), "dept-water");
        BrowserTestSupport.open(driver, base() + "/annual-report.html?year=2025&organisation=water");
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#ar-sections tr[data-figure-row]")).isEmpty());
        String body = driver.findElement(By.tagName("body")).getText();
        assertThat(body).contains("年度信息共享工作报告", "政务信息系统", "部署在政务云", "已提交", "超出容差", "含年底已签约迁移", "查看记录", "主要成效");
        assertThat(driver.findElement(By.cssSelector("tr[data-figure-row='systems.deployment.GOV_CLOUD']")).getDomAttribute("class")).contains("row-alert");
        assertThat(driver.findElement(By.cssSelector("tr[data-figure-row='systems.status.IN_USE'] a")).getDomAttribute("href"))
                .isEqualTo("/systems.html?organisation=water&lifecycleStatus=IN_USE");
        assertThat(driver.findElement(By.id("ar-org")).isEnabled()).isFalse();
        BrowserTestSupport.screenshot(driver, "annual-report-department");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void a_department_drafts_this_years_report_with_a_correction_and_its_reason() {
        signIn(driver, base(), "dept-education");
        BrowserTestSupport.open(driver, base() + "/annual-report.html?year=2026&organisation=education");
        awaitLoaded(driver);
        click("ar-start");
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("ar-save")));
        driver.findElement(By.cssSelector("input[data-figure='systems.total'][data-role='value']")).sendKeys("99");
        // no reason: refused, the page says why
        click("ar-save");
        waitFor(driver).until(d -> d.findElement(By.id("ar-error")).getText().contains("理由"));
        consoleErrors(driver); // the refused save (400) is the point here
        driver.findElement(By.cssSelector("input[data-figure='systems.total'][data-role='reason']")).sendKeys("含在建系统");
        driver.findElement(By.id("ar-n-systems-achievements")).sendKeys("完成全部系统普查");
        click("ar-save");
        waitFor(driver).until(d -> d.findElement(By.id("ar-head")).getText().contains("草稿已保存"));
        waitFor(driver).until(d -> d.findElement(By.cssSelector("tr[data-figure-row='systems.total']")).getDomAttribute("class") != null);
        assertThat(driver.findElement(By.cssSelector("tr[data-figure-row='systems.total']")).getText()).contains("超出容差");
        assertThat(driver.findElement(By.id("ar-n-systems-achievements")).getDomProperty("value")).isEqualTo("完成全部系统普查");
        assertThat(driver.findElement(By.id("ar-submit")).isDisplayed()).isTrue();
        BrowserTestSupport.screenshot(driver, "annual-report-editor");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void leadership_sees_who_reported_on_time_late_or_not_and_the_discrepancies() {
        signIn(driver, base(), "leader");
        BrowserTestSupport.open(driver, base() + "/annual-reports.html?year=2025");
        awaitLoaded(driver);
        waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-aro-submissions canvas")));
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#aro-table tbody tr")).size() > 30);
        String body = driver.findElement(By.tagName("body")).getText();
        assertThat(body).contains("年度报告报送情况", "按时报送", "逾期报送", "未报送", "差异清单", "市水利局", "含年底已签约迁移");
        assertThat(driver.findElement(By.cssSelector("#aro-table tr[data-org='urban-mgmt']")).getText()).contains("未报送");
        assertThat(driver.findElement(By.cssSelector("#aro-table tr[data-org='transport']")).getText()).contains("逾期报送");
        assertThat(driver.findElements(By.cssSelector("#aro-discrepancies tbody tr.row-alert"))).hasSize(2);
        assertThat(driver.findElement(By.id("aro-xlsx")).getDomAttribute("href")).isEqualTo("/api/v1/annual-reports/2025/summary.xlsx");
        BrowserTestSupport.screenshot(driver, "annual-report-overview");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void the_printable_report_has_its_charts_and_prints_to_a_pdf_with_embedded_chinese_fonts() throws Exception {
        signIn(driver, base(), "auditor");
        BrowserTestSupport.open(driver, base() + "/annual-report-print.html?year=2025&organisation=water");
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElements(By.cssSelector(".report-charts canvas")).size() == 3);
        assertThat(driver.findElement(By.id("arp-title")).getText()).isEqualTo("市水利局 2025 年度政务信息共享工作报告");
        assertThat(driver.findElement(By.id("arp-sections")).getText()).contains("部署在政务云", "12", "含年底已签约迁移");
        BrowserTestSupport.screenshot(driver, "annual-report-print");
        byte[] pdf = Base64.getDecoder().decode(((PrintsPage) driver).print(new PrintOptions()).getContent());
        Path file = Path.of("target", "screenshots", "annual-report-print.pdf");
        Files.write(file, pdf);
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(raw).startsWith("%PDF");
        // the Chinese text is set in an embedded font (a subset of a CJK face), not left to the reader's fonts
        assertThat(raw).containsPattern("/FontFile2?|/FontFile3");
        assertThat(raw).containsPattern("/BaseFont\\s*/[A-Z]{6}\\+(WenQuanYi|Noto\\w*CJK|SourceHan|DroidSansFallback)");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Latin words shown in the Chinese UI (codes such as XLSX, PDF or an organisation code excepted). */
    static java.util.List<String> englishWords(String text) {
        var m = java.util.regex.Pattern.compile("\\b[A-Za-z]{4,}\\b").matcher(text);
        java.util.List<String> words = new java.util.ArrayList<>();
        while (m.find()) {
            String w = m.group();
            if (!java.util.Set.of("XLSX", "GovShare", "water", "demo").contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    /**
     * The walk through every role the annual report touches, on a window of its own (2024, its deadline long
     * past, so the demo's 2025 reports stay as they are): a department corrects a figure with a reason and
     * submits (late), the office returns it with a comment, the department submits a second version and sees
     * what changed, leadership sees it late with its discrepancy and exports the summary, finance reads it
     * without any editing control, the auditor prints it. Screenshots of each step in target/screenshots.
     */
    @Test
    void every_role_walks_through_a_report_from_draft_to_resubmission_to_the_leadership_overview() {
        Api.as(port, "admin").put().uri("/api/v1/annual-reports/windows/2024").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("opensOn", "2025-01-01", "deadline", "2025-01-10")).exchange().expectStatus().isOk();
        String page = base() + "/annual-report.html?year=2024&organisation=water";
        // the department: a draft prefilled from measurement, a correction with its reason, narrative, submit
        signIn(driver, base(), "dept-water");
        BrowserTestSupport.open(driver, page);
        awaitLoaded(driver);
        click("ar-start");
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("ar-save")));
        // standing figures say which day they count; the registry's history does not reach back to the end of 2024, and the page says so
        assertThat(driver.findElement(By.cssSelector("tr[data-figure-row='systems.total'] .as-of")).getText()).startsWith("截至");
        assertThat(driver.findElements(By.cssSelector("tr[data-figure-row='exchange.providedCalls'] .as-of"))).isEmpty();
        assertThat(driver.findElement(By.id("ar-history-note")).getText()).contains("登记历史未覆盖 2024 年末");
        driver.findElement(By.cssSelector("input[data-figure='systems.deployment.GOV_CLOUD'][data-role='value']")).sendKeys("40");
        driver.findElement(By.cssSelector("input[data-figure='systems.deployment.GOV_CLOUD'][data-role='reason']")).sendKeys("含已签约待迁移系统");
        driver.findElement(By.id("ar-n-systems-achievements")).sendKeys("全部系统完成普查登记");
        click("ar-save");
        waitFor(driver).until(d -> d.findElement(By.id("ar-head")).getText().contains("草稿已保存"));
        assertThat(englishWords(driver.findElement(By.tagName("main")).getText())).isEmpty();
        BrowserTestSupport.screenshot(driver, "annual-report-walk-1-department-draft");
        click("ar-submit");
        // the page asks before freezing the version
        waitFor(driver).until(ExpectedConditions.alertIsPresent()).accept();
        waitFor(driver).until(d -> d.findElement(By.id("ar-head")).getText().contains("已提交"));
        assertThat(driver.findElement(By.id("ar-head")).getText()).contains("逾期");
        assertThat(driver.findElement(By.cssSelector("tr[data-figure-row='systems.deployment.GOV_CLOUD']")).getDomAttribute("class")).contains("row-alert");
        // evidence links lead to pages that open
        String evidence = driver.findElement(By.cssSelector("tr[data-figure-row='systems.status.IN_USE'] a")).getDomAttribute("href");
        BrowserTestSupport.screenshot(driver, "annual-report-walk-2-department-submitted");
        BrowserTestSupport.open(driver, base() + evidence);
        awaitLoaded(driver);
        assertThat(consoleErrors(driver)).isEmpty();

        // the office returns it with a comment
        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, page);
        awaitLoaded(driver);
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("ar-return-comment"))).sendKeys("请补充上云时间表");
        click("ar-return");
        waitFor(driver).until(d -> d.findElement(By.id("ar-head")).getText().contains("请补充上云时间表"));
        assertThat(driver.findElements(By.id("ar-save"))).isEmpty();
        BrowserTestSupport.screenshot(driver, "annual-report-walk-3-office-returned");

        // the department sees the comment, writes the next version and submits it: the differences are shown
        signIn(driver, base(), "dept-water");
        BrowserTestSupport.open(driver, page);
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElement(By.id("ar-head")).getText().contains("请补充上云时间表"));
        click("ar-new-version");
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("ar-save")));
        driver.findElement(By.id("ar-n-systems-plan")).sendKeys("2025年6月底前两套系统上云");
        click("ar-submit");
        waitFor(driver).until(ExpectedConditions.alertIsPresent()).accept();
        waitFor(driver).until(d -> d.findElement(By.id("ar-head")).getText().contains("已提交"));
        waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("ar-differences")));
        assertThat(driver.findElement(By.id("ar-differences")).getText()).contains("2025年6月底前两套系统上云");
        assertThat(driver.findElement(By.id("ar-history")).getText()).contains("第 2 版");
        assertThat(englishWords(driver.findElement(By.tagName("main")).getText())).isEmpty();
        BrowserTestSupport.screenshot(driver, "annual-report-walk-4-department-resubmitted");
        assertThat(consoleErrors(driver)).isEmpty();

        // leadership: late, with its discrepancy, and the summary to download
        signIn(driver, base(), "leader");
        BrowserTestSupport.open(driver, base() + "/annual-reports.html?year=2024");
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#aro-table tr[data-org='water']")).size() == 1);
        assertThat(driver.findElement(By.cssSelector("#aro-table tr[data-org='water']")).getText()).contains("逾期报送");
        assertThat(driver.findElement(By.cssSelector("#aro-table tr[data-org='education']")).getText()).contains("未报送");
        assertThat(driver.findElement(By.id("aro-discrepancies")).getText()).contains("含已签约待迁移系统");
        Object xlsx = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[0]; fetch(document.getElementById('aro-xlsx').href).then(r => done(r.status + ' ' + r.headers.get('content-type')));");
        assertThat(xlsx.toString()).startsWith("200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(englishWords(driver.findElement(By.tagName("main")).getText())).isEmpty();
        BrowserTestSupport.screenshot(driver, "annual-report-walk-5-leadership-overview");
        assertThat(consoleErrors(driver)).isEmpty();

        // finance reads the report and the overview, with no control to change anything
        signIn(driver, base(), "finance");
        BrowserTestSupport.open(driver, page);
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#ar-sections tr[data-figure-row]")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#ar-head button"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#ar-sections input, #ar-sections textarea"))).isEmpty();
        assertThat(bodyText()).contains("含已签约待迁移系统", "年度报告");
        BrowserTestSupport.screenshot(driver, "annual-report-walk-6-finance-reads");
        BrowserTestSupport.open(driver, base() + "/annual-reports.html?year=2024");
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#aro-table tr[data-org='water']")).size() == 1);
        assertThat(consoleErrors(driver)).isEmpty();

        // the auditor prints it
        signIn(driver, base(), "auditor");
        BrowserTestSupport.open(driver, base() + "/annual-report-print.html?year=2024&organisation=water&version=2");
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElements(By.cssSelector(".report-charts canvas")).size() == 3);
        assertThat(driver.findElement(By.id("arp-sections")).getText()).contains("含已签约待迁移系统");
        assertThat(driver.findElement(By.id("arp-history-note")).getText()).contains("登记历史未覆盖 2024 年末");
        assertThat(englishWords(driver.findElement(By.tagName("main")).getText())).isEmpty();
        BrowserTestSupport.screenshot(driver, "annual-report-walk-7-auditor-print");
        assertThat(consoleErrors(driver)).isEmpty();
    }
}
