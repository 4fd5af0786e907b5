package cn.suqian.govshare.browser;

import cn.suqian.govshare.exchange.ExchangeRollups;
import cn.suqian.govshare.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.screenshot;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static cn.suqian.govshare.browser.BrowserTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new reader trips over: codes shown without names, a heat map unreadable on a phone, lists longer
 * than a screen, thresholds only an API can change, a key task whose status contradicts its milestones, an
 * empty "（截止 ）", an import template uploaded untouched answered in English.
 */
class ReadabilityBrowserTests extends BrowserTest {

    static final String[] ORGS = {"public-security", "hrss", "civil-affairs", "industry-commerce", "credit", "land", "planning",
            "finance", "water", "education", "health", "housing", "transport", "statistics", "agriculture", "audit", "egov",
            "quality", "food-drug", "urban-management"};

    @Autowired
    ExchangeRollups rollups;

    String resourceCode;
    String resourceName;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void prepare() throws Exception {
        Map<String, Object> resource = (Map<String, Object>) ((List<?>) Api.as(port, "admin").get().uri("/api/v1/catalogue?size=1")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items")).getFirst();
        resourceCode = (String) resource.get("code");
        resourceName = (String) resource.get("name");
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(3);
        StringBuilder body = new StringBuilder("[");
        for (int p = 0; p < ORGS.length; p++) {
            for (int c = 0; c < ORGS.length; c += 3) {
                if (p == c) {
                    continue;
                }
                if (body.length() > 1) {
                    body.append(',');
                }
                body.append("{\"intervalStart\":\"").append(t).append("\",\"intervalSeconds\":3600,\"provider\":\"").append(ORGS[p])
                        .append("\",\"consumer\":\"").append(ORGS[c]).append("\",\"resource\":\"").append(resourceCode)
                        .append("\",\"calls\":").append(50 + p * 7 + c).append(",\"failedCalls\":1,\"records\":100,\"bytes\":5000,")
                        .append("\"latencyMsSum\":900,\"latencyMsMax\":30}");
            }
        }
        body.append(']');
        Api.as(port, "admin").post().uri("/api/v1/exchange/stats").contentType(MediaType.APPLICATION_JSON).bodyValue(body.toString())
                .exchange().expectStatus().isOk();
        rollups.refresh();
    }

    long pageHeight() {
        return ((Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight")).longValue();
    }

    @Test
    void the_exchange_page_names_what_it_shows_and_stays_readable_at_1440_and_390_px() {
        signIn(driver, base(), "admin");
        for (int width : new int[] {1440, 390}) {
            driver.manage().window().setSize(new Dimension(width, 900));
            BrowserTestSupport.open(driver, base() + "/exchange.html?period=24h");
            awaitLoaded(driver);
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-exchange-flows canvas")));
            // top resources: the resource's name, its code in the tooltip
            WebElement named = waitFor(driver).until(d -> d.findElements(By.cssSelector("#exchange-resources [data-code='" + resourceCode + "']"))
                    .stream().findFirst().orElse(null));
            assertThat(named.getText()).isEqualTo(resourceName);
            assertThat(named.getDomAttribute("title")).isEqualTo(resourceCode);
            // organisations by name, code in the tooltip
            WebElement org = driver.findElement(By.cssSelector("#exchange-org-table td[data-code='water']"));
            assertThat(org.getText()).isEqualTo("市水利局");
            assertThat(org.getDomAttribute("title")).isEqualTo("water");
            // the heat map fits its panel (no horizontal scrolling of the page)
            long scrollWidth = ((Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth")).longValue();
            assertThat(scrollWidth).as("page width at " + width).isLessThanOrEqualTo(width);
            // the lists this page pages never grow past a screen or two, whatever the platform sent
            for (String table : new String[] {"exchange-anomaly-table", "exchange-quarantine-table", "exchange-faulty-table",
                    "exchange-threshold-table", "exchange-resources", "exchange-org-table"}) {
                long height = ((Number) ((JavascriptExecutor) driver).executeScript(
                        "const t = document.getElementById(arguments[0]); return (t.closest('.table-wrap') ?? t).offsetHeight", table)).longValue();
                assertThat(height).as(table + " at " + width + " px").isLessThan(1600);
            }
            screenshot(driver, "exchange-" + width);
            ((JavascriptExecutor) driver).executeScript("document.getElementById('chart-exchange-flows').scrollIntoView()");
            screenshot(driver, "exchange-flows-" + width);
            System.out.println("exchange page height at " + width + " px: " + pageHeight() + " "
                    + ((JavascriptExecutor) driver).executeScript("return [...document.querySelectorAll('main section, main .grid-2')]"
                    + ".map(s => (s.id || s.className) + '=' + s.offsetHeight).join(', ')"));
        }
        driver.manage().window().setSize(new Dimension(1400, 1000));
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void the_office_changes_a_threshold_in_a_form_and_a_wrong_value_is_refused_beside_it() {
        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, base() + "/exchange.html");
        awaitLoaded(driver);
        By form = By.cssSelector("form.threshold-form[data-name='silent_hours']");
        WebElement input = waitFor(driver).until(d -> d.findElement(form)).findElement(By.tagName("input"));
        input.clear();
        input.sendKeys("1.5");
        driver.findElement(form).findElement(By.tagName("button")).click();
        waitFor(driver).until(d -> !d.findElement(By.id("exchange-threshold-silent_hours-error")).getText().isBlank());
        assertThat(driver.findElement(By.id("exchange-threshold-silent_hours-error")).getText()).contains("1");
        consoleErrors(driver); // the refused request (400) is logged by the browser
        input = driver.findElement(form).findElement(By.tagName("input"));
        input.clear();
        input.sendKeys("8");
        driver.findElement(form).findElement(By.tagName("button")).click();
        waitFor(driver).until(d -> d.findElement(By.id("exchange-threshold-status")).getText().contains("8"));
        Api.as(port, "leader").get().uri("/api/v1/exchange/thresholds").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.name == 'silent_hours')].value").isEqualTo(8);
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void task_cards_agree_with_their_milestones_and_no_deadline_is_left_empty() {
        signIn(driver, base(), "admin");
        consoleErrors(driver); // what earlier tests left in the log
        BrowserTestSupport.open(driver, base() + "/tasks.html");
        awaitLoaded(driver);
        for (WebElement card : driver.findElements(By.cssSelector(".task-card"))) {
            if ("NOT_STARTED".equals(card.getDomAttribute("data-status"))) {
                assertThat(card.findElements(By.cssSelector(".milestone[data-status='IN_PROGRESS'], .milestone[data-status='MET']")))
                        .as(card.getDomAttribute("data-code")).isEmpty();
            }
        }
        driver.findElement(By.cssSelector(".task-card")).click();
        waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("task-progress-milestone")));
        String options = driver.findElement(By.id("task-progress-milestone")).getText();
        assertThat(options).doesNotContain("（截止 ）");
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("截止 ）");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void an_untouched_template_uploaded_says_there_are_no_data_rows_in_chinese() throws Exception {
        byte[] template = Api.as(port, "dept-water").get().uri("/api/v1/systems/template").exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        Path file = Files.createTempFile("govshare-template", ".xlsx");
        Files.write(file, template);
        signIn(driver, base(), "dept-water");
        BrowserTestSupport.open(driver, base() + "/import.html");
        awaitLoaded(driver);
        new Select(driver.findElement(By.id("import-kind"))).selectByValue("systems");
        driver.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("import-submit")).click();
        waitFor(driver).until(d -> d.findElement(By.id("import-result")).getText().contains("没有数据行"));
        assertThat(driver.findElement(By.id("import-result")).getText()).doesNotContain("no data rows");
        screenshot(driver, "import-empty-template");
    }

    @Test
    void the_audit_trail_names_what_changed_with_the_code_in_a_tooltip() {
        signIn(driver, base(), "auditor");
        BrowserTestSupport.open(driver, base() + "/audit.html?entityType=organisation");
        awaitLoaded(driver);
        WebElement named = waitFor(driver).until(d -> d.findElements(By.cssSelector("#audit-table td .named[data-code]")).stream().findFirst().orElse(null));
        assertThat(named.getDomAttribute("title")).isEqualTo(named.getDomAttribute("data-code"));
        assertThat(named.getText()).isNotEqualTo(named.getDomAttribute("data-code"));
        assertThat(consoleErrors(driver)).isEmpty();
    }
}
