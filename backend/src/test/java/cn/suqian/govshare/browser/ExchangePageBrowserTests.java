package cn.suqian.govshare.browser;

import cn.suqian.govshare.exchange.ExchangeRollups;
import cn.suqian.govshare.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static cn.suqian.govshare.browser.BrowserTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The exchange page with traffic pushed through the public ingest endpoint. */
class ExchangePageBrowserTests extends BrowserTest {

    @Autowired
    ExchangeRollups rollups;

    @BeforeAll
    void prepare() throws Exception {
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(5);
        StringBuilder body = new StringBuilder("[");
        String[][] flows = {{"public-security", "hrss"}, {"public-security", "civil-affairs"}, {"industry-commerce", "credit"},
                {"land", "planning"}, {"hrss", "finance"}};
        for (int h = 0; h < 4; h++) {
            for (String[] f : flows) {
                if (body.length() > 1) {
                    body.append(',');
                }
                body.append("{\"intervalStart\":\"").append(t.plusHours(h)).append("\",\"intervalSeconds\":3600,\"provider\":\"")
                        .append(f[0]).append("\",\"consumer\":\"").append(f[1]).append("\",\"resource\":\"page-").append(f[0])
                        .append("\",\"calls\":").append(100 + h * 10).append(",\"failedCalls\":2,\"records\":1000,\"bytes\":500000,")
                        .append("\"latencyMsSum\":9000,\"latencyMsMax\":300}");
            }
        }
        body.append(']');
        Api.as(port, "admin").post().uri("/api/v1/exchange/stats").contentType(MediaType.APPLICATION_JSON).bodyValue(body.toString())
                .exchange().expectStatus().isOk();
        rollups.refresh();
    }

    @Test
    void trend_flows_and_organisations_render_from_pushed_traffic() {
        signIn(driver, "http://localhost:" + port, "leader");
        BrowserTestSupport.open(driver, "http://localhost:" + port + "/exchange.html");
        awaitLoaded(driver);
        waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-exchange-trend canvas")));
        waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-exchange-flows canvas")));
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#exchange-org-table tbody tr")).size() >= 5);
        assertThat(driver.findElement(By.id("exchange-org-table")).getText()).contains("市公安局");
        assertThat(driver.findElement(By.id("exchange-resources")).getText()).contains("page-public-security");
        BrowserTestSupport.screenshot(driver, "exchange");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void stored_reasons_read_in_the_pages_language() {
        // a record naming a consumer the registry does not know waits in quarantine, with its reason as a code
        String at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(3).toString();
        Api.as(port, "admin").post().uri("/api/v1/exchange/stats").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[{\"intervalStart\":\"" + at + "\",\"intervalSeconds\":3600,\"provider\":\"land\","
                        + "\"consumer\":\"no-such-bureau\",\"resource\":\"page-quarantine\",\"calls\":3}]")
                .exchange().expectStatus().isOk();
        // and an op-monitoring record out of bounds is kept as faulty, its reason with the value sent
        long ms = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toInstant().toEpochMilli();
        Api.as(port, "admin").post().uri("/api/v1/exchange/opmon").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"records\":[" + cn.suqian.govshare.support.OpmonRecords.aClientRecord().at(ms).messageId("page-faulty")
                        .timestamps(0, 10, 190, 200).set("statusCode", 1000).json() + "]}")
                .exchange().expectStatus().isOk();
        signIn(driver, "http://localhost:" + port, "admin");
        BrowserTestSupport.open(driver, "http://localhost:" + port + "/exchange.html");
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#exchange-faulty-table tbody tr[data-id]")).isEmpty());
        assertThat(driver.findElement(By.id("exchange-faulty-table")).getText()).contains("statusCode").contains("（收到：1000）");
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#exchange-quarantine-table tbody tr[data-id]")).isEmpty());
        driver.findElement(By.id("exchange-zombies-low")).click(); // candidates of a young installation are low-confidence
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#exchange-zombie-table tbody tr[data-key]")).isEmpty());
        assertThat(driver.findElement(By.id("exchange-quarantine-table")).getText())
                .contains("使用方“no-such-bureau”未登记").doesNotContain("unknown consumer");
        assertThat(driver.findElement(By.id("exchange-zombie-table")).getText())
                .contains("交换流量").doesNotContain("no exchange traffic");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void periods_and_days_are_the_citys_in_a_browser_set_to_another_time_zone() {
        signIn(driver, "http://localhost:" + port, "leader");
        var cdp = (ChromeDriver) driver;
        cdp.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "America/Los_Angeles"));
        try {
            BrowserTestSupport.open(driver, "http://localhost:" + port + "/exchange.html");
            awaitLoaded(driver);
            var seen = (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    Promise.all([import('/js/exchange/period.js'), import('/js/exchange/format.js'), import('/js/i18n.js')])
                      .then(([period, format, i18n]) => {
                        const week = period.safeRange('7d');
                        const day = period.safeRange('24h');
                        done({
                          browserOffset: new Date().getTimezoneOffset(),
                          weekFrom: period.isoWithOffset(week.from),
                          dayFrom: period.isoWithOffset(day.from),
                          dayLabel: format.bucketLabel('2026-11-28T16:00:00Z', 'DAY'),
                          plainDay: format.bucketLabel('2026-11-28', 'DAY'),
                          dateTime: i18n.fmt.dateTime('2026-11-28T16:30:00Z'),
                        });
                      }, (e) => done({ error: String(e) }));
                    """);
            assertThat(seen).doesNotContainKey("error");
            assertThat(((Number) seen.get("browserOffset")).intValue()).as("the browser is in Los Angeles").isIn(420, 480);
            ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"));
            assertThat(seen.get("weekFrom")).as("7 days: from the city's midnight six days ago")
                    .isEqualTo(now.toLocalDate().minusDays(6) + "T00:00:00+08:00");
            String hourAgo23 = now.truncatedTo(ChronoUnit.HOURS).minusHours(23).toLocalDateTime() + ":00+08:00";
            String hourAgo24 = now.truncatedTo(ChronoUnit.HOURS).minusHours(24).toLocalDateTime() + ":00+08:00";
            assertThat((String) seen.get("dayFrom")).as("24 hours: from the city's hour 23 hours ago").isIn(hourAgo23, hourAgo24);
            // 16:00 UTC on 28 November is midnight of the 29th in the city (the 28th, 08:00, in Los Angeles)
            assertThat(seen.get("dayLabel")).isEqualTo("11/29");
            assertThat(seen.get("plainDay")).isEqualTo("11/28");
            assertThat((String) seen.get("dateTime")).contains("2026").contains("11").contains("29").contains("00:30:00");
        } finally {
            cdp.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
        }
        assertThat(consoleErrors(driver)).isEmpty();
    }
}
