package cn.suqian.govshare.browser;

import cn.suqian.govshare.connection.ConnectionProbing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.OffsetDateTime;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static cn.suqian.govshare.browser.BrowserTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection pages in headless Chromium over the demo city, whose targets answer from the demo's local
 * endpoints and are probed through the real probing path: the status wall with its heat-map, the provincial
 * link, incidents and targets; a target's detail with its latency chart; the office's settings page; a
 * department seeing its own targets only.
 */
class ConnectionPagesBrowserTests extends BrowserTest {

    @Autowired
    ConnectionProbing probing;

    @BeforeAll
    void prepare() throws Exception {
        // the scheduler is off in tests: take three probing rounds over every demo target by hand
        for (int i = 1; i <= 3; i++) {
            probing.runDue(OffsetDateTime.now().plusYears(20).plusDays(i)).toFuture().join();
        }
    }

    @Test
    void the_status_wall_is_alive_in_chinese() {
        signIn(driver, base(), "leader");
        BrowserTestSupport.open(driver, base() + "/connections.html");
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#connections-targets tbody tr[data-status='UP']")).size() > 50);
        waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-connections-wall canvas")));
        String body = driver.findElement(By.tagName("body")).getText();
        assertThat(body).contains("网络连通监测", "可用率墙", "市级平台—省级平台链路", "正常", "维护中");
        assertThat(driver.findElements(By.cssSelector("#connections-targets tbody tr[data-status='DOWN']"))).isNotEmpty();
        assertThat(driver.findElement(By.id("connections-provincial-body")).getText()).contains("egov.provincial-link");
        BrowserTestSupport.screenshot(driver, "connections");
        assertThat(consoleErrors(driver)).isEmpty();
        BrowserTestSupport.open(driver, base() + "/connection.html?code=egov.provincial-link");
        awaitLoaded(driver);
        waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-connection-latency canvas")));
        assertThat(driver.findElement(By.id("connection-cards")).getText()).contains("今日可用率", "正常");
        BrowserTestSupport.screenshot(driver, "connection-detail");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void measured_connection_is_shown_beside_the_inventory_and_disagreement_flagged() {
        signIn(driver, base(), "leader");
        BrowserTestSupport.open(driver, base() + "/connections.html");
        awaitLoaded(driver);
        // default: disagreements only, each flagged
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#connections-facts tbody tr[data-key]")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#connections-facts tbody tr[data-key]")))
                .allSatisfy(r -> {
                    assertThat(r.getDomAttribute("data-disagreement")).isEqualTo("true");
                    assertThat(r.getText()).contains("不一致");
                });
        assertThat(driver.findElement(By.id("connections-facts-note")).getText()).contains("个与信息系统清单申报不一致");
        // the systems with targets: the measured fact with its availability, the declaration beside it
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("connections-facts-filter"))).selectByValue("registered");
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#connections-facts tbody tr[data-connectedness='NOT_REGISTERED']")).isEmpty()
                && !d.findElements(By.cssSelector("#connections-facts tbody tr[data-connectedness='CONNECTED']")).isEmpty());
        String table = driver.findElement(By.id("connections-facts")).getText();
        assertThat(table).contains("实测接入", "清单申报", "已接入", "申报已接入");
        BrowserTestSupport.screenshot(driver, "connections-facts");
        // a target's detail says its system's fact
        BrowserTestSupport.open(driver, base() + "/connection.html?code=agriculture.fep");
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#connection-fact-body dl[data-connectedness]")).isEmpty());
        assertThat(driver.findElement(By.id("connection-fact-body")).getText()).contains("agriculture.s03", "实测接入", "清单申报", "比对");
        BrowserTestSupport.screenshot(driver, "connection-detail-fact");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void the_office_edits_maintenance_and_notification_settings() {
        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, base() + "/connection-admin.html");
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#maintenance-table tbody tr[data-key]")).isEmpty());
        assertThat(driver.findElement(By.id("channels-panel")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("settings-table")).getText()).contains("心跳容忍倍数");

        // a new channel, then edited in place (name, secret kept), then disabled and enabled again
        var form = driver.findElement(By.id("channel-form"));
        form.findElement(By.name("code")).sendKeys("browser.hook");
        form.findElement(By.name("name")).sendKeys("浏览器测试渠道");
        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("kind"))).selectByValue("DINGTALK");
        form.findElement(By.name("url")).sendKeys("https://oapi.dingtalk.example/robot/send?access_token=x");
        form.findElement(By.name("secret")).sendKeys("SEC123");
        driver.findElement(By.id("channel-save")).click();
        By row = By.cssSelector("#channels-table tbody tr[data-key='browser.hook']");
        waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(row));
        driver.findElement(row).findElement(By.cssSelector(".channel-edit")).click();
        assertThat(form.findElement(By.name("code")).getDomProperty("readOnly")).isEqualTo("true");
        assertThat(form.findElement(By.name("secret")).getDomProperty("value")).isEqualTo("******");
        form.findElement(By.name("name")).clear();
        form.findElement(By.name("name")).sendKeys("浏览器测试渠道（改）");
        driver.findElement(By.id("channel-save")).click();
        waitFor(driver).until(d -> d.findElement(row).getText().contains("浏览器测试渠道（改）"));
        assertThat(driver.findElement(row).getText()).contains("已加签", "启用");
        driver.findElement(row).findElement(By.cssSelector(".channel-toggle")).click();
        waitFor(driver).until(d -> "false".equals(d.findElement(row).findElement(By.cssSelector(".channel-toggle")).getDomAttribute("aria-pressed")));
        assertThat(driver.findElement(row).getText()).contains("停用", "已加签");
        BrowserTestSupport.screenshot(driver, "connection-admin");
        driver.findElement(row).findElement(By.cssSelector(".channel-toggle")).click();
        waitFor(driver).until(d -> "true".equals(d.findElement(row).findElement(By.cssSelector(".channel-toggle")).getDomAttribute("aria-pressed")));
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void a_department_sees_its_own_targets_only() {
        signIn(driver, base(), "dept-water");
        BrowserTestSupport.open(driver, base() + "/connections.html");
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#connections-targets tbody tr[data-key]")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#connections-targets tbody tr[data-key]")))
                .allSatisfy(r -> assertThat(r.getDomAttribute("data-key")).startsWith("water."));
        assertThat(driver.findElement(By.id("connections-admin-link")).isDisplayed()).isFalse();
        assertThat(consoleErrors(driver)).isEmpty();
    }
}
