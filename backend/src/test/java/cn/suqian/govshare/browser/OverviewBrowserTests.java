package cn.suqian.govshare.browser;

import cn.suqian.govshare.overview.OverviewLive;
import cn.suqian.govshare.overview.OverviewRollup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.screenshot;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static cn.suqian.govshare.browser.BrowserTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leadership overview as the leading group sees it: Chinese by default, figures by pillar linking to their
 * records, the key-task timeline and alerts, the ranking of the latest published assessment (rows open scorecards); readable at 1920 (projector) and 1440 (laptop),
 * usable at 390 px (phone); a live event updates the page without reloading; the print view is one A4 landscape
 * sheet with its charts; English available.
 */
class OverviewBrowserTests extends BrowserTest {

    @Autowired
    OverviewRollup rollup;
    @Autowired
    OverviewLive live;

    @BeforeAll
    void prepare() throws Exception {
        rollup.refresh();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    long number(String script) {
        return ((Number) js(script)).longValue();
    }

    @Test
    void the_overview_is_readable_at_1920_and_1440_and_usable_at_390_px() {
        signIn(driver, base(), "leader");
        for (int width : new int[]{1920, 1440, 390}) {
            driver.manage().window().setSize(new Dimension(width, width == 390 ? 844 : width == 1920 ? 1080 : 900));
            BrowserTestSupport.open(driver, base() + "/");
            awaitLoaded(driver);
            assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
            String text = driver.findElement(By.tagName("main")).getText();
            assertThat(text).contains("整合共享总览", "网络通", "数据通", "接入电子政务外网的系统", "重点任务进度", "预警", "逾期");
            // the ranking of the latest published assessment: departments and counties apart, counties on a chart
            assertThat(text).contains("评价考核排名", "市级部门", "县区及园区", "各分项先进与后进单位").doesNotContain("尚无已发布的年度评价考核结果");
            assertThat(driver.findElements(By.cssSelector(".ranking-table[data-group='DEPARTMENT'] tbody a"))).isNotEmpty();
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-regions canvas")));
            // movement since the year before, as the assessment board computes it: ▲ n or ▼ n on the rows that moved (the demo
            // city's 2024 is final too; a later year another test published in the shared database may have no year before it)
            var ranking = cn.suqian.govshare.support.Api.as(port, "leader").get().uri("/api/v1/overview/ranking").exchange()
                    .expectStatus().isOk().expectBody(tools.jackson.databind.JsonNode.class).returnResult().getResponseBody();
            long moved = 0;
            for (var row : ranking.get("organisations")) {
                moved += row.path("movement").isIntegralNumber() && row.path("movement").asInt() != 0 ? 1 : 0;
            }
            assertThat(driver.findElements(By.cssSelector(".ranking-table td.movement")).stream().map(e -> e.getDomProperty("textContent"))
                    .filter(m -> m.matches("[▲▼]\\d+")).count()).as("rows shown as moved").isEqualTo(moved);
            assertThat(driver.findElements(By.cssSelector(".ov-card"))).hasSizeGreaterThanOrEqualTo(15);
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-timeline canvas")));
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-bases canvas")));
            assertThat(driver.findElements(By.cssSelector("#overdue-table tbody a"))).isNotEmpty();
            assertThat(number("return document.documentElement.scrollWidth")).as("no sideways scrolling at " + width).isLessThanOrEqualTo(width);
            // the figures must be legible: at least 16 px on a phone, more on a projector
            long fontSize = number("return parseFloat(getComputedStyle(document.querySelector('.ov-value')).fontSize)");
            assertThat(fontSize).isGreaterThanOrEqualTo(width == 390 ? 16 : 24);
            if (width == 390) {
                assertHeaderFits("/");
            }
            screenshot(driver, "overview-" + width);
            js("document.getElementById('ranking').scrollIntoView()");
            screenshot(driver, "overview-ranking-" + width);
            assertThat(consoleErrors(driver)).isEmpty();
        }
        driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    /** The signed-in person, the language switch and the sign-out button stay inside a phone's width. */
    void assertHeaderFits(String page) {
        // the visible width: the window less a vertical scroll bar, if the browser draws one
        long width = number("return Math.min(window.innerWidth, document.documentElement.clientWidth)");
        for (String id : new String[]{"logout", "lang-switch", "account-link"}) {
            var rect = (Map<?, ?>) js("const r = document.getElementById(arguments[0]).getBoundingClientRect(); "
                    + "return {left: r.left, right: r.right, width: r.width}", id);
            assertThat(((Number) rect.get("width")).doubleValue()).as(id + " shown on " + page).isPositive();
            assertThat(((Number) rect.get("left")).doubleValue()).as(id + " left on " + page).isGreaterThanOrEqualTo(0);
            assertThat(((Number) rect.get("right")).doubleValue()).as(id + " right edge on " + page + " at " + width + " px").isLessThanOrEqualTo(width);
        }
    }

    @Test
    void every_page_header_fits_a_390_px_phone() {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String user : new String[]{"leader", "admin"}) {
                signIn(driver, base(), user);
                BrowserTestSupport.open(driver, base() + "/");
                awaitLoaded(driver);
                @SuppressWarnings("unchecked")
                var pages = (java.util.List<String>) js("return [...new Set([...document.querySelectorAll('#nav-list a')]"
                        + ".map(a => a.getAttribute('href')))]");
                assertThat(pages).contains("/exchange.html");
                for (String page : pages) {
                    BrowserTestSupport.open(driver, base() + page);
                    // loaded, or a page that says why it cannot show its content: the header is there either way
                    waitFor(driver).until(d -> d.findElement(By.tagName("main")).getDomAttribute("data-loaded") != null);
                    assertHeaderFits(user + " " + page);
                    if (page.equals("/exchange.html")) {
                        screenshot(driver, "header-390-" + user + "-exchange");
                    }
                }
            }
        } finally {
            consoleErrors(driver); // pages without their parameters may complain; this test is about the header only
            driver.manage().window().setSize(new Dimension(1400, 1000));
        }
    }

    @Test
    void an_overdue_task_alert_opens_that_task_on_the_task_board() {
        signIn(driver, base(), "leader");
        BrowserTestSupport.open(driver, base() + "/");
        awaitLoaded(driver);
        var alert = waitFor(driver).until(d -> d.findElements(By.cssSelector(".alert-item[data-kind='OVERDUE_TASK'] a")).stream().findFirst().orElse(null));
        String href = alert.getDomAttribute("href");
        assertThat(href).startsWith("/tasks.html?code=");
        String code = href.substring(href.indexOf("code=") + 5);
        js("arguments[0].scrollIntoView({block: 'center'})", alert);
        alert.click();
        waitFor(driver).until(d -> d.getCurrentUrl().contains("/tasks.html"));
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector(".task-card.selected[data-code='" + code + "']")).isEmpty());
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void a_ranking_row_drills_down_to_the_organisation_scorecard() {
        signIn(driver, base(), "leader");
        BrowserTestSupport.open(driver, base() + "/");
        awaitLoaded(driver);
        var link = waitFor(driver).until(d -> d.findElements(By.cssSelector(".ranking-table[data-group='REGION'] tbody a")).stream().findFirst().orElse(null));
        String year = driver.findElement(By.id("ranking-year")).getDomAttribute("data-year");
        String href = link.getDomAttribute("href");
        assertThat(href).startsWith("/assessment-scorecard.html?year=" + year + "&organisation=");
        driver.findElements(By.cssSelector(".ranking-pillars a"))
                .forEach(a -> assertThat(a.getDomAttribute("href")).startsWith("/assessment-scorecard.html?year=" + year + "&organisation="));
        js("arguments[0].scrollIntoView({block: 'center'})", link);
        link.click();
        waitFor(driver).until(d -> d.getCurrentUrl().contains("/assessment-scorecard.html"));
        awaitLoaded(driver);
        assertThat(driver.getCurrentUrl()).endsWith(href);
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void the_connected_share_says_how_many_registered_systems_it_leaves_out_unmeasured() {
        rollup.refresh();
        var overview = cn.suqian.govshare.support.Api.as(port, "leader").get().uri("/api/v1/overview").exchange()
                .expectStatus().isOk().expectBody(tools.jackson.databind.JsonNode.class).returnResult().getResponseBody();
        long unmeasured = -1;
        for (var f : overview.get("figures")) {
            unmeasured = f.get("key").asString().equals("mustConnectUnmeasured") ? f.get("value").asLong() : unmeasured;
        }
        assertThat(unmeasured).as("counted, zero included").isNotNegative();
        signIn(driver, base(), "leader");
        BrowserTestSupport.open(driver, base() + "/");
        awaitLoaded(driver);
        var card = driver.findElement(By.cssSelector(".ov-card[data-figure='mustConnectConnected']"));
        var notes = card.findElements(By.cssSelector(".ov-note"));
        if (unmeasured == 0) {
            assertThat(notes).isEmpty();
        } else {
            assertThat(notes).singleElement().extracting(org.openqa.selenium.WebElement::getText)
                    .isEqualTo("另有 " + java.text.NumberFormat.getIntegerInstance(java.util.Locale.CHINA).format(unmeasured) + " 套尚无实测，未计入");
        }
        // not a card of its own: it explains the share beside it
        assertThat(driver.findElements(By.cssSelector(".ov-card[data-figure='mustConnectUnmeasured']"))).isEmpty();
    }

    @Test
    void every_figure_drills_down_to_the_page_with_its_records() {
        signIn(driver, base(), "leader");
        BrowserTestSupport.open(driver, base() + "/");
        awaitLoaded(driver);
        var card = driver.findElement(By.cssSelector(".ov-card[data-figure='systemsOnExtranet']"));
        assertThat(card.getDomAttribute("href")).isEqualTo("/systems.html?network=EGOV_EXTRANET");
        driver.findElements(By.cssSelector(".ov-card")).forEach(c -> assertThat(c.getDomAttribute("href")).startsWith("/").contains(".html"));
        card.click();
        waitFor(driver).until(d -> d.getCurrentUrl().contains("/systems.html"));
        awaitLoaded(driver);
        assertThat(driver.getCurrentUrl()).contains("network=EGOV_EXTRANET");
    }

    @Test
    void a_live_event_updates_the_page_without_reloading() {
        signIn(driver, base(), "leader");
        BrowserTestSupport.open(driver, base() + "/");
        awaitLoaded(driver);
        waitFor(driver).until(d -> "open".equals(d.findElement(By.id("overview-live")).getDomAttribute("data-state")));
        assertThat(driver.findElement(By.id("overview-live")).getText()).isEqualTo("实时更新中");
        js("window.__sameDocument = true");
        long before = number("return window.overviewLive.events");
        live.publish("figures", Map.of("day", "test"));
        live.publish("incident", Map.of("openIncidents", 0));
        waitFor(driver).until(d -> number("return window.overviewLive.events") >= before + 2);
        assertThat(js("return window.__sameDocument")).isEqualTo(true); // no reload happened
        assertThat(js("return window.overviewLive.last.type")).isEqualTo("incident");
    }

    @Test
    void the_print_view_is_one_a4_landscape_sheet_in_chinese_with_its_charts() {
        signIn(driver, base(), "leader");
        driver.manage().window().setSize(new Dimension(1123, 794));
        BrowserTestSupport.open(driver, base() + "/?view=print");
        awaitLoaded(driver);
        waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-timeline canvas")));
        assertThat(driver.findElement(By.id("app-header")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("print-title")).getText()).contains("领导小组会议材料");
        // A4 landscape at 96 dpi, less 6 mm margins: 1077 x 749 CSS px
        long height = number("return document.querySelector('main').getBoundingClientRect().bottom + window.scrollY");
        long width = number("return document.querySelector('main .container').getBoundingClientRect().width");
        screenshot(driver, "overview-print");
        assertThat(width).isLessThanOrEqualTo(1077);
        assertThat(height).as("print view height").isLessThanOrEqualTo(749);
        driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    @Test
    void english_is_available() {
        signIn(driver, base(), "leader");
        js("window.localStorage.setItem('govshare.lang', 'en')");
        BrowserTestSupport.open(driver, base() + "/");
        awaitLoaded(driver);
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Integration and sharing overview", "Networks connected", "Alerts");
        js("window.localStorage.clear()");
    }

    @Test
    void a_department_sees_its_own_organisation() {
        signIn(driver, base(), "dept-water");
        BrowserTestSupport.open(driver, base() + "/");
        awaitLoaded(driver);
        assertThat(driver.findElement(By.id("overview-scope")).isDisplayed()).isFalse();
        assertThat(driver.findElements(By.cssSelector(".ov-card"))).isNotEmpty();
        screenshot(driver, "overview-department");
    }
}
