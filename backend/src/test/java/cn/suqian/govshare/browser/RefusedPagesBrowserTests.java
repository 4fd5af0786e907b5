package cn.suqian.govshare.browser;

import cn.suqian.govshare.exchange.Collector;
import cn.suqian.govshare.support.Api;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.screenshot;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static cn.suqian.govshare.browser.BrowserTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The office sees a page the collector refused, with its reasons in Chinese, and decides on it from the exchange page. */
class RefusedPagesBrowserTests extends BrowserTest {

    @Autowired
    Collector collector;

    HttpServer platform;

    @BeforeAll
    void prepare() throws Exception {
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(20);
        String record = "{\"intervalStart\":\"%s\",\"intervalSeconds\":3600,\"provider\":\"land\",\"consumer\":\"planning\","
                + "\"resource\":\"browser-refused\",\"calls\":%s,\"failedCalls\":0}";
        String page = "{\"records\":[" + record.formatted(t, "15") + "," + record.formatted(t.plusHours(1), "\"很多\"") + "],\"nextCursor\":\"p2\"}";
        platform = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        platform.createContext("/stats", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            byte[] bytes = (query == null || query.equals("cursor=") ? page : "{\"records\":[],\"nextCursor\":\"p2\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        platform.start();
        Api.as(port, "admin").post().uri("/api/v1/exchange/sources").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "browser-refused", "name", "页面测试交换平台", "url",
                        "http://localhost:" + platform.getAddress().getPort() + "/stats", "intervalSeconds", 60))
                .exchange().expectStatus().isCreated();
        collector.run("browser-refused");
    }

    @AfterAll
    void stopPlatform() {
        platform.stop(0);
    }

    @Test
    void the_office_sees_the_refused_page_with_its_reasons_and_accepts_its_valid_records() {
        signIn(driver, "http://localhost:" + port, "admin");
        BrowserTestSupport.open(driver, "http://localhost:" + port + "/exchange.html");
        awaitLoaded(driver);
        By open = By.cssSelector("#exchange-refused-pages article[data-decision='OPEN']");
        WebElement item = waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(open));
        assertThat(driver.findElement(By.cssSelector("#exchange-refused-pages [role='alert']")).getText()).contains("等待处理决定");
        assertThat(item.getText()).contains("browser-refused").contains("第 2 条");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", item);
        screenshot(driver, "exchange-refused-page-open");

        new Select(item.findElement(By.name("decision"))).selectByValue("ACCEPT_VALID");
        item.findElement(By.name("note")).sendKeys("平台确认第 2 条计数字段有误，其余记录可用");
        item.findElement(By.cssSelector("button[type='submit']")).click();
        WebElement decided = waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#exchange-refused-pages article[data-decision='ACCEPT_VALID']")));
        assertThat(decided.getText()).contains("接收合格记录").contains("接收 1 条").contains("拒收 1 条");
        assertThat(driver.findElements(By.cssSelector("#exchange-refused-pages [role='alert']"))).isEmpty();
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", decided);
        screenshot(driver, "exchange-refused-page-decided");

        // per source: take the valid records of such pages at once from now on
        driver.findElement(By.cssSelector("#exchange-refused-policies summary")).click();
        WebElement policy = waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#exchange-refused-policies select[data-source='browser-refused']")));
        new Select(policy).selectByValue("ACCEPT_VALID");
        waitFor(driver).until(d -> policy.findElement(By.xpath("..")).getText().contains("已保存"));
        Api.as(port, "admin").get().uri("/api/v1/exchange/sources").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.code == 'browser-refused')].refusedPagePolicy").isEqualTo(java.util.List.of("ACCEPT_VALID"));
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void other_roles_see_no_refused_pages_panel() {
        signIn(driver, "http://localhost:" + port, "leader");
        BrowserTestSupport.open(driver, "http://localhost:" + port + "/exchange.html");
        awaitLoaded(driver);
        assertThat(driver.findElements(By.id("exchange-refused-pages"))).isEmpty();
        assertThat(consoleErrors(driver)).isEmpty();
    }
}
