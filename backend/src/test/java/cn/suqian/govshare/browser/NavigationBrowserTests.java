package cn.suqian.govshare.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.List;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grouped navigation: on a wide screen one row of groups whose menus open by mouse and by keyboard
 * (Arrow keys, Escape) without scrolling sideways; on a 390 px phone it folds behind one button and the
 * groups stack. The group of the current page is marked.
 */
class NavigationBrowserTests extends BrowserTest {

    @Test
    void groups_open_by_mouse_and_keyboard_on_a_wide_screen() {
        driver.manage().window().setSize(new Dimension(1440, 900));
        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, base() + "/connections.html");
        awaitLoaded(driver);
        List<String> groups = driver.findElements(By.cssSelector(".nav-list > .nav-item")).stream().map(WebElement::getText).toList();
        // a group of one page is a plain link to it
        assertThat(groups).containsExactly("概览", "数据共享交换", "网络连通", "资源目录与系统", "项目备案与资金", "年度报告与评估", "管理");
        assertThat(driver.findElement(By.cssSelector("[data-group='exchange'] > a.nav-link")).getDomAttribute("href")).isEqualTo("/exchange.html");
        WebElement list = driver.findElement(By.id("nav-list"));
        assertThat(list.getSize().getHeight()).as("one row").isLessThan(60);
        assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
        WebElement current = driver.findElement(By.cssSelector(".nav-group-toggle.active"));
        assertThat(current.getText()).isEqualTo("网络连通");
        assertThat(driver.findElement(By.id("nav-toggle")).isDisplayed()).isFalse();

        // mouse: a group opens its menu, another closes it
        WebElement registry = driver.findElement(By.cssSelector("[data-group='registry'] .nav-group-toggle"));
        registry.click();
        assertThat(registry.getDomAttribute("aria-expanded")).isEqualTo("true");
        assertThat(driver.findElement(By.id("nav-menu-registry")).getText()).contains("组织机构", "信息系统清单", "信息资源目录", "业务专网", "数据机房");
        BrowserTestSupport.screenshot(driver, "navigation-1440");
        current.click();
        assertThat(registry.getDomAttribute("aria-expanded")).isEqualTo("false");
        assertThat(driver.findElement(By.id("nav-menu-registry")).isDisplayed()).isFalse();
        current.click();

        // keyboard: ArrowDown opens and focuses the first link, ArrowDown moves on, Escape closes and returns to the button
        registry.sendKeys(Keys.ARROW_DOWN);
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("组织机构");
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("信息系统清单");
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertThat(driver.switchTo().activeElement()).isEqualTo(registry);
        assertThat(driver.findElement(By.id("nav-menu-registry")).isDisplayed()).isFalse();
        registry.sendKeys(Keys.ARROW_DOWN);
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        awaitLoaded(driver);
        assertThat(driver.getCurrentUrl()).endsWith("/systems.html");
        assertThat(driver.findElement(By.cssSelector(".nav-group-toggle.active")).getText()).isEqualTo("资源目录与系统");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void the_navigation_folds_behind_one_button_on_a_phone() {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            signIn(driver, base(), "admin");
            BrowserTestSupport.open(driver, base() + "/exchange.html");
            awaitLoaded(driver);
            WebElement toggle = driver.findElement(By.id("nav-toggle"));
            assertThat(toggle.isDisplayed()).isTrue();
            assertThat(toggle.getText()).contains("导航菜单", "数据共享交换");
            assertThat(driver.findElement(By.id("nav-list")).isDisplayed()).isFalse();
            toggle.click();
            assertThat(toggle.getDomAttribute("aria-expanded")).isEqualTo("true");
            WebElement connection = driver.findElement(By.cssSelector("[data-group='connection'] .nav-group-toggle"));
            assertThat(connection.isDisplayed()).isTrue();
            connection.click();
            WebElement link = driver.findElement(By.cssSelector("#nav-menu-connection a[href='/connection-targets.html']"));
            assertThat(link.isDisplayed()).isTrue();
            assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling").isTrue();
            BrowserTestSupport.screenshot(driver, "navigation-390");
            link.click();
            awaitLoaded(driver);
            assertThat(driver.getCurrentUrl()).endsWith("/connection-targets.html");
            assertThat(driver.findElement(By.id("nav-list")).isDisplayed()).isFalse();
            assertThat(consoleErrors(driver)).isEmpty();
        } finally {
            driver.manage().window().setSize(new Dimension(1400, 1000));
        }
    }
}
