package cn.suqian.govshare.browser;

import cn.suqian.govshare.support.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.MediaType;

import static cn.suqian.govshare.browser.BrowserTestSupport.awaitLoaded;
import static cn.suqian.govshare.browser.BrowserTestSupport.consoleErrors;
import static cn.suqian.govshare.browser.BrowserTestSupport.signIn;
import static cn.suqian.govshare.browser.BrowserTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registry edited through its form in headless Chromium, as the e-government office and as a
 * department: create, edit with one field refused by the server and said beside that field in Chinese,
 * the corrected save, retirement with confirmation and reason, and the history one click away. Read-only
 * roles see no edit controls.
 */
class RegistryFormsBrowserTests extends BrowserTest {

    /** Chinese characters, i.e. the refusal is said in the reader's language. */
    static final String HAN = ".*\\p{IsHan}.*";

    // ---- the six registries ------------------------------------------------------------

    @Test
    void information_systems_are_created_edited_and_retired_through_the_form() {
        signIn(driver, base(), "admin");
        openPage("/systems.html", "system");
        create("system");
        type("code", "water.form-1");
        pick("organisationCode", "水利", "water");
        type("name", "表单新增系统");
        choose("fundingType", "GOVERNMENT_INVESTMENT");
        choose("lifecycleStatus", "IN_USE");
        choose("deployment", "GOV_CLOUD");
        choose("network", "EGOV_EXTRANET");
        choose("mustConnect", "false");
        saveAndExpect("system-detail", "表单新增系统");

        edit();
        choose("network", "PRIVATE_NETWORK"); // without a network code and a migration plan: refused
        refused("privateNetworkCode", "system-form-refused");
        choose("network", "EGOV_EXTRANET");
        type("purpose", "表单修改的建设目的");
        saveAndExpect("system-detail", "表单修改的建设目的");

        retire("不再使用，已并入统一平台");
        waitFor(driver).until(d -> d.findElement(By.id("system-detail")).getText().contains("停用时间"));
        history("不再使用，已并入统一平台");
        assertThat(consoleErrors(driver)).allSatisfy(e -> assertThat(e).contains("400"));
    }

    @Test
    void catalogue_resources_are_created_edited_and_retired_through_the_form() {
        signIn(driver, base(), "admin");
        openPage("/catalogue.html", "catalogue");
        create("catalogue");
        type("code", "390001/009951");
        type("name", "表单新增资源");
        pick("providerOrganisationCode", "水利", "water");
        choose("category", "3");
        choose("format", "DATABASE");
        choose("sharingType", "UNCONDITIONAL");
        choose("openAttribute", "NOT_OPEN");
        choose("updateCycle", "DAILY");
        choose("sharingMethod", "INTERFACE");
        choose("mounted", "false");
        saveAndExpect("catalogue-detail", "表单新增资源");

        edit();
        choose("sharingType", "CONDITIONAL"); // a condition must be stated
        refused("sharingCondition", "catalogue-form-refused");
        type("sharingCondition", "仅限政务部门办理业务使用");
        saveAndExpect("catalogue-detail", "仅限政务部门办理业务使用");

        retire("资源已合并到新目录");
        waitFor(driver).until(d -> d.findElement(By.id("catalogue-detail")).getText().contains("撤销时间"));
        history("资源已合并到新目录");
        assertThat(consoleErrors(driver)).allSatisfy(e -> assertThat(e).contains("400"));
    }

    @Test
    void private_networks_are_created_edited_and_retired_through_the_form() {
        signIn(driver, base(), "admin");
        openPage("/networks.html", "network");
        create("network");
        type("code", "water.form-net");
        pick("organisationCode", "水利", "water");
        type("name", "表单新增专网");
        choose("migrationStatus", "NOT_STARTED");
        saveAndExpect("network-detail", "表单新增专网");

        edit();
        type("utilisationPercent", "150"); // a share of 100
        refused("utilisationPercent", "network-form-refused");
        type("utilisationPercent", "35");
        saveAndExpect("network-detail", "35%");

        retire("业务迁入电子政务外网");
        waitFor(driver).until(d -> d.findElement(By.id("network-detail")).getText().contains("停用时间"));
        history("业务迁入电子政务外网");
        assertThat(consoleErrors(driver)).allSatisfy(e -> assertThat(e).contains("400"));
    }

    @Test
    void data_rooms_are_created_edited_and_retired_through_the_form_by_their_department() {
        signIn(driver, base(), "dept-water");
        openPage("/data-rooms.html", "dataRoom");
        create("dataRoom");
        type("code", "water.form-room");
        // a department's records are its own: the owner is fixed
        assertThat(driver.findElement(By.id("record-field-organisationCode")).isEnabled()).isFalse();
        type("name", "表单新增机房");
        choose("migrationStatus", "NOT_STARTED");
        saveAndExpect("dataRoom-detail", "表单新增机房");

        edit();
        choose("migrationStatus", "PLANNED"); // a plan needs its date
        refused("migrationPlannedOn", "dataRoom-form-refused");
        date("migrationPlannedOn", "2027-06-30");
        saveAndExpect("dataRoom-detail", "已计划");

        retire("设备已迁至政务云");
        waitFor(driver).until(d -> d.findElement(By.id("dataRoom-detail")).getText().contains("停用时间"));
        history("设备已迁至政务云");
        assertThat(consoleErrors(driver)).allSatisfy(e -> assertThat(e).contains("400"));
    }

    @Test
    void connection_targets_are_created_edited_and_retired_through_the_form() {
        signIn(driver, base(), "admin");
        openPage("/connection-targets.html", "target");
        create("target");
        type("code", "water.form-target");
        pick("systemCode", "water.s01", "water.s01");
        choose("kind", "INTERFACE");
        type("name", "表单新增接口");
        choose("probe", "HEARTBEAT");
        saveAndExpect("target-detail", "表单新增接口");

        edit();
        choose("probe", "HTTP");
        type("address", "not a web address");
        refused("address", "target-form-refused");
        type("address", "https://water.example.gov.cn/health");
        saveAndExpect("target-detail", "https://water.example.gov.cn/health");

        retire("前置机下线");
        waitFor(driver).until(d -> d.findElement(By.id("target-detail")).getText().contains("停用时间"));
        history("前置机下线");
        assertThat(consoleErrors(driver)).allSatisfy(e -> assertThat(e).contains("400"));
    }

    @Test
    void organisations_are_created_edited_and_retired_through_the_form() {
        signIn(driver, base(), "admin");
        BrowserTestSupport.open(driver, base() + "/organisations.html");
        awaitLoaded(driver);
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("org-create"))).click();
        awaitDialog();
        type("code", "form-park");
        type("name", "表单新增园区");
        choose("type", "DEVELOPMENT_ZONE");
        pick("parentCode", "宿迁市人民政府", "suqian");
        saveAndExpect("org-detail", "表单新增园区");

        edit();
        type("contactPhone", "call me");
        refused("contactPhone", "org-form-refused");
        type("contactPhone", "0527-84350000");
        saveAndExpect("org-detail", "0527-84350000");

        retire("园区并入宿城区管理");
        waitFor(driver).until(d -> d.findElement(By.id("org-detail")).getText().contains("已撤销")
                || d.findElement(By.id("org-detail")).getText().contains("已停用"));
        history("园区并入宿城区管理");
        assertThat(consoleErrors(driver)).allSatisfy(e -> assertThat(e).contains("400"));
    }

    @Test
    void a_save_made_after_someone_else_changed_the_record_is_refused_with_a_clear_message() {
        var admin = Api.as(port, "admin");
        var network = new java.util.HashMap<String, Object>(java.util.Map.of("code", "water.conflict-net", "organisationCode", "water",
                "name", "冲突测试专网", "migrationStatus", "NOT_STARTED"));
        admin.post().uri("/api/v1/networks").contentType(MediaType.APPLICATION_JSON).bodyValue(network).exchange().expectStatus().isCreated();
        signIn(driver, base(), "dept-water");
        openPage("/networks.html", "network");
        driver.findElement(By.cssSelector("#network-table tbody tr[data-key='water.conflict-net']")).click();
        edit();
        // meanwhile the office changes the same record
        network.put("purpose", "电子政务办的修改");
        admin.put().uri("/api/v1/networks/water.conflict-net").contentType(MediaType.APPLICATION_JSON).bodyValue(network)
                .exchange().expectStatus().isOk();
        type("purpose", "水利局的修改");
        driver.findElement(By.id("record-save")).click();
        waitFor(driver).until(d -> d.findElement(By.id("record-form-errors")).getText().contains("修改冲突"));
        BrowserTestSupport.screenshot(driver, "network-form-conflict");
        assertThat(driver.findElement(By.id("record-form-errors")).getText()).contains("water.conflict-net", "未保存");
        // nothing was overwritten; starting again shows the other person's change
        assertThat(admin.get().uri("/api/v1/networks/water.conflict-net").exchange().expectBody(java.util.Map.class)
                .returnResult().getResponseBody().get("purpose")).isEqualTo("电子政务办的修改");
        driver.findElement(By.id("record-reload")).click();
        waitFor(driver).until(d -> "电子政务办的修改".equals(d.findElement(By.id("record-field-purpose")).getDomProperty("value")));
        type("purpose", "水利局的修改");
        saveAndExpect("network-detail", "水利局的修改");
        assertThat(consoleErrors(driver)).allSatisfy(e -> assertThat(e).contains("409"));
    }

    // ---- who sees the controls -----------------------------------------------------------

    @Test
    void read_only_roles_see_no_edit_controls() {
        consoleErrors(driver); // what earlier tests left in the log is theirs
        for (String user : new String[]{"leader", "finance", "auditor"}) {
            signIn(driver, base(), user);
            for (String[] page : new String[][]{{"/systems.html", "system"}, {"/catalogue.html", "catalogue"},
                    {"/networks.html", "network"}, {"/data-rooms.html", "dataRoom"}, {"/connection-targets.html", "target"}}) {
                openPage(page[0], page[1]);
                assertThat(driver.findElement(By.id(page[1] + "-create")).isDisplayed()).as("%s on %s", user, page[0]).isFalse();
                driver.findElement(By.cssSelector("#" + page[1] + "-table tbody tr")).click();
                waitFor(driver).until(d -> !d.findElements(By.id("record-history")).isEmpty());
                assertThat(driver.findElements(By.id("record-edit"))).as("%s on %s", user, page[0]).isEmpty();
                assertThat(driver.findElements(By.id("record-retire"))).as("%s on %s", user, page[0]).isEmpty();
            }
        }
        assertThat(consoleErrors(driver)).isEmpty();
    }

    // ---- driving the form ----------------------------------------------------------------

    void openPage(String path, String prefix) {
        BrowserTestSupport.open(driver, base() + path);
        awaitLoaded(driver);
        waitFor(driver).until(d -> !d.findElements(By.cssSelector("#" + prefix + "-table tbody tr[data-key]")).isEmpty());
    }

    void create(String prefix) {
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id(prefix + "-create"))).click();
        awaitDialog();
    }

    void edit() {
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("record-edit"))).click();
        awaitDialog();
    }

    void awaitDialog() {
        waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("record-form")));
    }

    WebElement field(String name) {
        return driver.findElement(By.id("record-field-" + name));
    }

    void type(String name, String value) {
        WebElement input = field(name);
        input.clear();
        input.sendKeys(value);
    }

    void choose(String name, String value) {
        new Select(field(name)).selectByValue(value);
    }

    void date(String name, String isoDate) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", field(name), isoDate);
    }

    /** Types into a reference picker and chooses the listed record (free text is never a value). */
    void pick(String name, String query, String code) {
        WebElement input = field(name);
        input.clear();
        input.sendKeys(query);
        By option = By.cssSelector("#record-field-" + name + "-options li[data-value='" + code + "']");
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(option)).click();
        waitFor(driver).until(d -> code.equals(d.findElement(By.cssSelector("[data-field='" + name + "'] .picker")).getDomAttribute("data-value")));
    }

    void saveAndExpect(String detailId, String text) {
        driver.findElement(By.id("record-save")).click();
        waitFor(driver).until(ExpectedConditions.invisibilityOfElementLocated(By.id("record-dialog")));
        waitFor(driver).until(d -> d.findElement(By.id(detailId)).getText().contains(text));
    }

    /** Saves, and expects the server's refusal beside the field, in Chinese, with the form still open. */
    void refused(String name, String screenshot) {
        driver.findElement(By.id("record-save")).click();
        By message = By.id("record-field-" + name + "-error");
        waitFor(driver).until(d -> !d.findElement(message).getText().isBlank());
        assertThat(driver.findElement(message).getText()).matches(HAN).doesNotContain("must", "required", "invalid", "unknown");
        assertThat(field(name).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("record-dialog")).isDisplayed()).isTrue();
        BrowserTestSupport.screenshot(driver, screenshot);
    }

    void retire(String reason) {
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("record-retire"))).click();
        waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("retire-reason")));
        driver.findElement(By.id("retire-confirm")).click(); // no reason yet: asked for one, nothing retired
        waitFor(driver).until(d -> !d.findElement(By.id("retire-reason-error")).getText().isBlank());
        driver.findElement(By.id("retire-reason")).sendKeys(reason);
        driver.findElement(By.id("retire-confirm")).click();
        waitFor(driver).until(ExpectedConditions.invisibilityOfElementLocated(By.id("retire-dialog")));
        waitFor(driver).until(d -> d.findElements(By.id("record-edit")).isEmpty());
    }

    void history(String reason) {
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("record-history"))).click();
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#history-list .history-entry")).size() >= 3);
        String history = driver.findElement(By.id("history-list")).getText();
        assertThat(history).contains("原因：" + reason);
        driver.findElement(By.cssSelector("#history-dialog .btn-close")).click();
    }
}
