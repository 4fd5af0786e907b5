package cn.suqian.govshare.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static cn.suqian.govshare.browser.BrowserTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application in headless Chromium: sign in, open each page, see data rendered, no console
 * errors. Every new page is added here.
 */
class PagesBrowserTests extends BrowserTest {

    /** How many organisations of a type (null: all) the database holds now (other tests in the shared database add some). */
    int organisations(String type) {
        return cn.suqian.govshare.support.Api.as(port, "admin").get().uri("/api/v1/organisations?size=1" + (type == null ? "" : "&type=" + type))
                .exchange().expectStatus().isOk().expectBody(tools.jackson.databind.JsonNode.class).returnResult().getResponseBody()
                .get("total").asInt();
    }

    @Test
    void status_page_renders_in_chinese_with_a_chart_from_stored_data() {
        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, base() + "/status.html");
        awaitLoaded(driver);
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("平台运行状态");
        waitFor(driver).until(d -> d.findElement(By.id("status-cards")).getText().contains("审计哈希链"));
        waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-org-types canvas")));
        assertThat(driver.findElement(By.id("status-cards")).getText()).contains(String.valueOf(organisations(null)));
        BrowserTestSupport.screenshot(driver, "status"); // organisations, counted in the database
        assertThat(consoleErrors(driver)).isEmpty();
        signOut();
    }

    @Test
    void organisations_page_lists_filters_and_shows_details() {
        signIn(driver, base(), "dept-finance");
        BrowserTestSupport.open(driver, base() + "/organisations.html");
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#org-table tbody tr")).size() >= 40);
        new Select(driver.findElement(By.id("org-type-filter"))).selectByValue("COUNTY_DISTRICT");
        int counties = organisations("COUNTY_DISTRICT");
        assertThat(counties).isGreaterThanOrEqualTo(5); // the plan's five, and any a test added
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#org-table tbody tr")).size() == counties);
        assertThat(driver.findElement(By.id("org-table")).getText()).contains("沭阳县", "宿豫区");
        WebElement first = driver.findElement(By.cssSelector("#org-table tbody tr"));
        first.click();
        waitFor(driver).until(d -> !d.findElement(By.id("org-detail")).getText().isBlank());
        assertThat(consoleErrors(driver)).isEmpty();
        signOut();
    }

    @Test
    void english_is_one_switch_away() {
        signIn(driver, base(), "auditor");
        BrowserTestSupport.open(driver, base() + "/audit.html");
        awaitLoaded(driver);
        new Select(driver.findElement(By.id("lang-switch"))).selectByValue("en");
        waitFor(driver).until(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        awaitLoaded(driver);
        driver.findElement(By.id("audit-verify")).click();
        waitFor(driver).until(d -> d.findElement(By.id("audit-verify-result")).getText().toLowerCase().contains("intact"));
        assertThat(driver.findElements(By.cssSelector("#audit-table tbody tr"))).isNotEmpty();
        assertThat(consoleErrors(driver)).isEmpty();
        new Select(driver.findElement(By.id("lang-switch"))).selectByValue("zh-CN");
        waitFor(driver).until(d -> "zh-CN".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        awaitLoaded(driver); // the switch reloads the page: the header (with the logout button) is built again
        signOut();
    }

    void signOut() {
        driver.findElement(By.id("logout")).click();
        waitFor(driver).until(d -> d.getCurrentUrl().contains("/login"));
    }
}
