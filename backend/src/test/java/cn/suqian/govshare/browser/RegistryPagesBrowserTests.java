package cn.suqian.govshare.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static cn.suqian.govshare.browser.BrowserTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The registry pages in headless Chromium: inventory, catalogue, key-task board, spreadsheet import. */
class RegistryPagesBrowserTests extends BrowserTest {

    @Test
    void inventory_table_filters_and_badges() {
        signIn(driver, base(), "leader");
        BrowserTestSupport.open(driver, base() + "/systems.html");
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#system-table tbody tr")).size() >= 20);
        assertThat(driver.findElement(By.id("system-summary")).getText()).containsPattern("\\d");
        new Select(driver.findElement(By.id("system-network-filter"))).selectByValue("PRIVATE_NETWORK");
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#system-table tbody tr")).stream()
                .allMatch(tr -> tr.getText().contains("业务专网")));
        driver.findElement(By.cssSelector("#system-table tbody tr")).click();
        waitFor(driver).until(d -> d.findElement(By.id("system-detail")).getText().contains("专网"));
        BrowserTestSupport.screenshot(driver, "systems");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void a_department_sees_only_its_own_systems() {
        signIn(driver, base(), "dept-water");
        BrowserTestSupport.open(driver, base() + "/systems.html");
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#system-table tbody tr")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#system-table tbody tr")))
                .allSatisfy(tr -> assertThat(tr.getText()).contains("水利"));
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void catalogue_browser_shows_sharing_types_and_details() {
        signIn(driver, base(), "finance");
        BrowserTestSupport.open(driver, base() + "/catalogue.html");
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#catalogue-table tbody tr")).size() >= 20);
        new Select(driver.findElement(By.id("catalogue-sharing-filter"))).selectByValue("CONDITIONAL");
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#catalogue-table tbody tr")).stream()
                .allMatch(tr -> tr.getText().contains("有条件共享")));
        driver.findElement(By.cssSelector("#catalogue-table tbody tr")).click();
        waitFor(driver).until(d -> d.findElement(By.id("catalogue-detail")).getText().contains("仅限政务部门"));
        BrowserTestSupport.screenshot(driver, "catalogue");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void key_task_board_shows_deadlines_and_overdue_tasks() {
        signIn(driver, base(), "leader");
        BrowserTestSupport.open(driver, base() + "/tasks.html");
        awaitLoaded(driver);
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#task-board .task-card")).size() == 14);
        BrowserTestSupport.screenshot(driver, "tasks");
        String board = driver.findElement(By.id("task-board")).getText();
        assertThat(board).contains("构建政务信息共享交换平台", "2018年12月31日", "加强审计监督", "已逾期");
        assertThat(consoleErrors(driver)).isEmpty();
    }

    @Test
    void import_page_lists_every_offending_row() throws Exception {
        Path file = Files.createTempFile("govshare-import", ".csv");
        Files.writeString(file, "系统编码,所属单位编码,系统名称,资金类型,生命周期状态,部署方式,网络类型,须接入共享平台\n"
                + "water.ui-1,water,界面导入一,政府投资,在用,政务云,业务专网,是\n"
                + "water.ui-2,water,,捐赠,在用,政务云,电子政务外网,否\n", StandardCharsets.UTF_8);
        signIn(driver, base(), "dept-water");
        BrowserTestSupport.open(driver, base() + "/import.html");
        awaitLoaded(driver);
        new Select(driver.findElement(By.id("import-kind"))).selectByValue("systems");
        driver.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("import-submit")).click();
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#import-errors tbody tr")).size() >= 4);
        String errors = driver.findElement(By.id("import-errors")).getText();
        BrowserTestSupport.screenshot(driver, "import-errors");
        assertThat(errors).contains("所在专网编码", "迁移计划日期", "系统名称", "捐赠", "必填");
        assertThat(driver.findElement(By.id("import-result")).getText())
                .contains("未保存任何数据").doesNotContain("refused", "nothing was saved", "Invalid input", "required");
        // the refused upload itself is logged by Chromium as a failed (400) resource; nothing else may be
        assertThat(consoleErrors(driver)).allSatisfy(e -> assertThat(e).contains("400"));

        Files.writeString(file, "系统编码,所属单位编码,系统名称,资金类型,生命周期状态,部署方式,网络类型,须接入共享平台\n"
                + "water.ui-3,water,界面导入三,政府投资,在用,政务云,电子政务外网,否\n", StandardCharsets.UTF_8);
        BrowserTestSupport.open(driver, base() + "/import.html");
        awaitLoaded(driver);
        new Select(driver.findElement(By.id("import-kind"))).selectByValue("systems");
        driver.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("import-submit")).click();
        waitFor(driver).until(d -> d.findElement(By.id("import-result")).getText().contains("1"));
        assertThat(consoleErrors(driver)).isEmpty();
    }
}
