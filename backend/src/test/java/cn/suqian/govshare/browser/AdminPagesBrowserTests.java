package cn.suqian.govshare.browser;

import cn.suqian.govshare.support.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.screenshot;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static cn.suqian.govshare.browser.BrowserTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The office administers users and ingest tokens through the pages alone: create a user, who signs in with
 * the password shown once and must replace it; disable (refused at sign-in) and reset; issue a token shown
 * once, see its use, revoke it and see it stop working. Unknown and forbidden pages say so in Chinese.
 */
class AdminPagesBrowserTests extends BrowserTest {

    void signInWith(String username, String password) {
        BrowserTestSupport.open(driver, base() + "/login");
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("login-submit")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }

    void signOut() {
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        waitFor(driver).until(d -> d.getCurrentUrl().contains("/login"));
    }

    WebElement userRow(String username) {
        return waitFor(driver).until(d -> d.findElements(By.cssSelector("#user-table tr[data-username='" + username + "']"))
                .stream().findFirst().orElse(null));
    }

    void acceptConfirm() {
        waitFor(driver).until(ExpectedConditions.alertIsPresent()).accept();
    }

    @Test
    void the_office_creates_a_user_who_signs_in_then_disables_and_resets_it() {
        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, base() + "/users.html");
        awaitLoaded(driver);
        assertThat(driver.findElement(By.cssSelector(".nav-link.active")).getAttribute("textContent")).isEqualTo("用户管理");
        assertThat(driver.findElement(By.cssSelector(".nav-group-toggle.active")).getText()).isEqualTo("管理");

        // a refused field is shown beside it, in Chinese
        driver.findElement(By.id("user-username")).sendKeys("Bad Name");
        driver.findElement(By.id("user-display-name")).sendKeys("浏览器测试员");
        new Select(driver.findElement(By.id("user-organisation"))).selectByValue("water");
        driver.findElement(By.id("user-create-submit")).click();
        waitFor(driver).until(d -> !d.findElement(By.id("user-username-error")).getText().isBlank());
        assertThat(driver.findElement(By.id("user-username")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(consoleErrors(driver)).allMatch(e -> e.contains("400")); // the refusal, logged by the browser

        WebElement username = driver.findElement(By.id("user-username"));
        username.clear();
        username.sendKeys("browser-clerk");
        new Select(driver.findElement(By.id("user-role"))).selectByValue("DEPARTMENT");
        driver.findElement(By.id("user-create-submit")).click();
        WebElement secret = waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("user-initial-password")));
        String initial = secret.getDomProperty("value");
        assertThat(initial).hasSizeGreaterThanOrEqualTo(12);
        assertThat(driver.findElement(By.id("user-secret")).getText()).contains("只显示这一次");
        assertThat(userRow("browser-clerk").getText()).contains("浏览器测试员", "水利局", "待改密码");
        screenshot(driver, "admin-users");
        signOut();

        // the new user signs in with the password shown once and must set their own first
        signInWith("browser-clerk", initial);
        waitFor(driver).until(d -> d.getCurrentUrl().endsWith("/account.html"));
        awaitLoaded(driver);
        assertThat(driver.findElement(By.id("account-required")).isDisplayed()).isTrue();
        driver.findElement(By.id("account-current")).sendKeys(initial);
        driver.findElement(By.id("account-new")).sendKeys("clerk-own-password");
        driver.findElement(By.id("account-repeat")).sendKeys("clerk-own-password");
        driver.findElement(By.id("account-submit")).click();
        waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#account-result [data-outcome='changed']")));
        screenshot(driver, "admin-own-password");
        BrowserTestSupport.open(driver, base() + "/systems.html");
        awaitLoaded(driver); // no longer sent back to the account page
        assertThat(driver.getCurrentUrl()).endsWith("/systems.html");
        signOut();

        // disabled: refused at sign-in
        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, base() + "/users.html");
        awaitLoaded(driver);
        userRow("browser-clerk").findElement(By.cssSelector("button[data-action='disable']")).click();
        acceptConfirm();
        waitFor(driver).until(d -> "false".equals(userRow("browser-clerk").getDomAttribute("data-enabled")));
        assertThat(userRow("browser-clerk").getText()).contains("已停用");
        signOut();
        signInWith("browser-clerk", "clerk-own-password");
        waitFor(driver).until(d -> d.getCurrentUrl().contains("/login?error"));

        // enabled again and reset: the old password fails, the new one shown once works
        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, base() + "/users.html");
        awaitLoaded(driver);
        userRow("browser-clerk").findElement(By.cssSelector("button[data-action='enable']")).click();
        waitFor(driver).until(d -> "true".equals(userRow("browser-clerk").getDomAttribute("data-enabled")));
        userRow("browser-clerk").findElement(By.cssSelector("button[data-action='reset']")).click();
        acceptConfirm();
        String reset = waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("user-reset-password"))).getDomProperty("value");
        assertThat(reset).isNotEqualTo(initial);
        assertThat(consoleErrors(driver)).isEmpty();
        signOut();
        signInWith("browser-clerk", "clerk-own-password");
        waitFor(driver).until(d -> d.getCurrentUrl().contains("/login?error"));
        signInWith("browser-clerk", reset);
        waitFor(driver).until(d -> d.getCurrentUrl().endsWith("/account.html"));
        signOut();
    }

    @Test
    void the_office_issues_a_token_shown_once_sees_its_use_and_revokes_it() {
        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, base() + "/tokens.html");
        awaitLoaded(driver);
        driver.findElement(By.id("token-name")).sendKeys("浏览器测试令牌");
        new Select(driver.findElement(By.id("token-organisation"))).selectByValue("egov");
        driver.findElement(By.id("token-issue-submit")).click();
        String token = waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("token-value"))).getDomProperty("value");
        assertThat(token).startsWith("gs_");
        assertThat(driver.findElement(By.id("token-value-copy")).getText()).isEqualTo("复制");
        driver.findElement(By.id("token-value-copy")).click();
        waitFor(driver).until(d -> !d.findElement(By.cssSelector("#token-secret .form-status")).getText().isBlank());
        By row = By.cssSelector("#token-table tr[data-name='浏览器测试令牌']");
        assertThat(waitFor(driver).until(d -> d.findElement(row)).getText()).contains("从未使用", "有效");
        screenshot(driver, "admin-tokens");

        // the machine uses it; after a reload the page shows when, and never the token itself
        Api.bearer(port, token).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        driver.navigate().refresh();
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElement(row).findElement(By.cssSelector("td[data-last-used]")).getDomAttribute("data-last-used").isBlank());
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain(token);

        driver.findElement(row).findElement(By.cssSelector("button[data-action='revoke']")).click();
        acceptConfirm();
        waitFor(driver).until(d -> "revoked".equals(d.findElement(row).getDomAttribute("data-status")));
        assertThat(driver.findElement(row).getText()).contains("已吊销");
        Api.bearer(port, token).get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        assertThat(consoleErrors(driver)).isEmpty();
        signOut();
    }

    @Test
    void unknown_and_forbidden_pages_say_so_in_chinese() {
        signIn(driver, base(), "dept-water");
        BrowserTestSupport.open(driver, base() + "/no-such-page");
        awaitLoaded(driver);
        assertThat(driver.findElement(By.id("error-title")).getText()).isEqualTo("页面不存在");
        assertThat(driver.findElement(By.id("app-header")).getText()).contains("退出登录");
        screenshot(driver, "error-404");
        BrowserTestSupport.open(driver, base() + "/users.html");
        awaitLoaded(driver);
        assertThat(driver.findElement(By.id("error-title")).getText()).isEqualTo("无权查看此页面");
        // no admin entries in a department's navigation
        assertThat(driver.findElement(By.id("app-header")).getText()).doesNotContain("用户管理", "接入令牌");
        screenshot(driver, "error-403");
        assertThat(consoleErrors(driver)).allMatch(e -> e.contains("404") || e.contains("403"));
        signOut();
    }
}
