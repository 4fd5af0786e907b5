package cn.suqian.govshare.registry;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.AUDIT_EVENT;
import static cn.suqian.govshare.db.schema.Tables.INFORMATION_SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@SuppressWarnings("unchecked")
class SpreadsheetImportTests {

    static final String HEADER = "系统编码,所属单位编码,系统名称,资金类型,生命周期状态,部署方式,网络类型,所在专网编码,迁移计划日期,须接入共享平台,接入共享平台日期,年运维费用（元）,交换平台标识\n";

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @SuppressWarnings("unchecked")
    Map<String, Object> upload(String user, byte[] file, String name, boolean dryRun, int expectedStatus) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        return (Map<String, Object>) Api.as(port, user).post().uri("/api/v1/systems/import?dryRun=" + dryRun)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange().expectStatus().isEqualTo(expectedStatus)
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void importing_the_same_file_twice_changes_nothing_the_second_time() {
        String csv = HEADER
                + "sucheng.imp-1,sucheng,宿城区导入测试一,政府投资,在用,政务云,电子政务外网,,,是,2019-05-01,120000,CN/GOV/SQ-SUCHENG/imp-1\n"
                + "sucheng.imp-2,sucheng,宿城区导入测试二,购买服务,待整合,其他,互联网,,,否,,8000.5,\n";
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);
        var first = upload("dept-sucheng", file, "sucheng.csv", false, 200);
        assertThat(first).containsEntry("created", 2).containsEntry("updated", 0).containsEntry("unchanged", 0);
        int audit = dsl.fetchCount(AUDIT_EVENT);
        var second = upload("dept-sucheng", file, "sucheng.csv", false, 200);
        assertThat(second).containsEntry("created", 0).containsEntry("updated", 0).containsEntry("unchanged", 2);
        assertThat(dsl.fetchCount(AUDIT_EVENT)).as("only the IMPORT event itself").isEqualTo(audit + 1);

        String changed = csv.replace("8000.5", "9000");
        var third = upload("dept-sucheng", changed.getBytes(StandardCharsets.UTF_8), "sucheng.csv", false, 200);
        assertThat(third).containsEntry("updated", 1).containsEntry("unchanged", 1);
    }

    @Test
    void a_rejected_file_reports_every_offending_row_and_column_and_writes_nothing() {
        String csv = HEADER
                + "suyu.bad-1,suyu,好的一行,政府投资,在用,政务云,电子政务外网,,,是,,,\n"
                + "suyu.bad-2,suyu,专网系统,政府投资,在用,政务云,业务专网,,,是,,,\n"
                + "Suyu Bad 3,suyu,,捐款,在用,政务云,电子政务外网,,,也许,2999-01-01,-5,\n"
                + "suyu.bad-1,nowhere,重复编码,政府投资,在用,政务云,电子政务外网,,,否,,,\n";
        int before = dsl.fetchCount(INFORMATION_SYSTEM);
        var problem = upload("admin", csv.getBytes(StandardCharsets.UTF_8), "bad.csv", false, 400);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        assertThat(errors).extracting(e -> e.get("row") + ":" + e.get("column")).contains(
                "3:所在专网编码", "3:迁移计划日期",
                "4:系统编码", "4:系统名称", "4:资金类型", "4:须接入共享平台", "4:接入共享平台日期", "4:年运维费用（元）",
                "5:所属单位编码", "5:系统编码");
        assertThat(errors).allSatisfy(e -> assertThat(e.get("code")).isNotNull());
        assertThat(errors).allSatisfy(e -> assertThat(e.get("reason")).isNotNull());
        assertThat(problem.get("code")).isEqualTo("invalidInput");
        assertThat((Map<String, Object>) problem.get("params")).containsEntry("count", errors.size());
        assertThat(dsl.fetchCount(INFORMATION_SYSTEM)).isEqualTo(before);
    }

    @Test
    void unknown_and_missing_columns_are_reported_before_any_row() {
        String csv = "系统编码,系统名称,颜色\nx.1,名称,红\n";
        var problem = upload("admin", csv.getBytes(StandardCharsets.UTF_8), "cols.csv", false, 400);
        assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("column"))
                .contains("所属单位编码", "资金类型", "颜色");
    }

    @Test
    void a_department_may_import_only_its_own_rows() {
        String csv = HEADER + "finance.sneaky,finance,别人的系统,政府投资,在用,政务云,电子政务外网,,,否,,,\n";
        var problem = upload("dept-sihong", csv.getBytes(StandardCharsets.UTF_8), "x.csv", false, 400);
        assertThat((List<Map<String, Object>>) problem.get("errors")).singleElement()
                .satisfies(e -> {
                    assertThat(e.get("code")).isEqualTo("notOwnOrganisation");
                    assertThat((Map<String, Object>) e.get("params")).containsEntry("organisation", "sihong");
                });
    }

    @Test
    void dry_run_checks_without_writing() {
        String csv = HEADER + "siyang.dry-1,siyang,试运行,政府投资,在用,政务云,电子政务外网,,,否,,,\n";
        var result = upload("dept-siyang", csv.getBytes(StandardCharsets.UTF_8), "dry.csv", true, 200);
        assertThat(result).containsEntry("created", 1).containsEntry("dryRun", true);
        assertThat(dsl.fetchCount(INFORMATION_SYSTEM, INFORMATION_SYSTEM.CODE.eq("siyang.dry-1"))).isZero();
    }

    @Test
    void an_exported_workbook_imports_back_unchanged() {
        byte[] xlsx = Api.as(port, "dept-health").get().uri("/api/v1/systems/export?format=xlsx").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectBody(byte[].class).returnResult().getResponseBody();
        int count = dsl.fetchCount(INFORMATION_SYSTEM, INFORMATION_SYSTEM.ORGANISATION_CODE.eq("health")
                .and(INFORMATION_SYSTEM.RETIRED_AT.isNull()));
        var result = upload("dept-health", xlsx, "health.xlsx", false, 200);
        assertThat(result).containsEntry("rows", count).containsEntry("unchanged", count).containsEntry("created", 0);

        byte[] csv = Api.as(port, "admin").get().uri("/api/v1/catalogue/export?format=csv&organisation=public-security").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        Map<String, Object> catalogue = (Map<String, Object>) Api.as(port, "dept-public-security").post().uri("/api/v1/catalogue/import").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(catalogue).containsEntry("created", 0).containsEntry("updated", 0);
        assertThat((Integer) catalogue.get("unchanged")).isPositive();
    }

    @Test
    void catalogue_rows_name_the_missing_condition_and_legal_basis() {
        String csv = "资源代码,资源分类（类）,资源名称,提供方单位编码,资源格式,共享类型,共享方式,开放属性,更新周期,信息项\n"
                + "399001/000001,3,有条件但无条件,water,数据库,有条件共享,接口,不予开放,每日,编码:字符型\n"
                + "399001/000002,3,不予共享无依据,water,数据库,不予共享,,不予开放,每日,编码:文字\n";
        var problem = Api.as(port, "dept-water").post().uri("/api/v1/catalogue/import").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv.getBytes(StandardCharsets.UTF_8)).exchange().expectStatus().isBadRequest()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("row") + ":" + e.get("field"))
                .contains("2:sharingCondition", "3:notSharedBasis", "3:items");
    }

    /** Correctness at inventory scale; the time it takes is a benchmark figure (docs/benchmarks.md), not asserted. */
    @Test
    void ten_thousand_rows_import_in_one_go() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 10_000; i++) {
            csv.append("shuyang.bulk-").append(i).append(",shuyang,沭阳县批量系统").append(i)
                    .append(",政府投资,在用,政务云,电子政务外网,,,").append(i % 2 == 0 ? "是,2020-01-01" : "否,")
                    .append(",").append(1000 + i).append(",CN/GOV/SQ-SHUYANG/bulk-").append(i).append('\n');
        }
        long started = System.nanoTime();
        var result = upload("dept-shuyang", csv.toString().getBytes(StandardCharsets.UTF_8), "bulk.csv", false, 200);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[figure] 10,000-row inventory import: " + ms + " ms");
        assertThat(result).containsEntry("created", 10_000);
        long again = System.nanoTime();
        var second = upload("dept-shuyang", csv.toString().getBytes(StandardCharsets.UTF_8), "bulk.csv", false, 200);
        System.out.println("[figure] 10,000-row re-import (no changes): " + (System.nanoTime() - again) / 1_000_000 + " ms");
        assertThat(second).containsEntry("unchanged", 10_000);
        // leave the shared database as other tests expect it: retire the bulk rows
        dsl.update(INFORMATION_SYSTEM).set(INFORMATION_SYSTEM.RETIRED_AT, java.time.OffsetDateTime.now())
                .where(INFORMATION_SYSTEM.CODE.startsWith("shuyang.bulk-")).execute();
    }
}
