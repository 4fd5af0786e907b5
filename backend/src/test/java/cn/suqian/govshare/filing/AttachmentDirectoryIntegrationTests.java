package cn.suqian.govshare.filing;

import cn.suqian.govshare.support.Api;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.BodyInserters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.FILING_ATTACHMENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attachments kept in a configured directory ({@code govshare.filing.attachment-directory}) instead of the database
 * — its own context, as a city that configures it runs — are uploaded, checked and served exactly as those kept in
 * the database (FilingToFundingIntegrationTests): the row keeps the checksum and the file's name under the
 * directory and no bytes; the file is named by the checksum, never by the uploaded name; the download is the same
 * bytes with the same headers.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "govshare.embedded.ephemeral=true",
        "govshare.embedded.instance=attachment-directory",
        "govshare.demo.enabled=true",
        "govshare.scheduling.enabled=false",
        "govshare.exchange.simulator=false"
})
class AttachmentDirectoryIntegrationTests {

    static final Path DIRECTORY;

    static {
        try {
            DIRECTORY = Files.createTempDirectory("govshare-attachments");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void directory(DynamicPropertyRegistry registry) {
        registry.add("govshare.filing.attachment-directory", DIRECTORY::toString);
    }

    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort
    int port;
    @Autowired
    DSLContext dsl;

    @Test
    @SuppressWarnings("unchecked")
    void an_attachment_kept_in_the_directory_is_served_as_one_kept_in_the_database() throws Exception {
        Map<String, Object> f = new HashMap<>();
        f.put("organisationCode", "water");
        f.put("budgetYear", 2027);
        f.put("projectType", "OPERATION_MAINTENANCE");
        f.put("name", "附件目录存放测试");
        f.put("deployment", "GOV_CLOUD");
        f.put("network", "EGOV_EXTRANET");
        f.put("fundingSources", List.of());
        long id = ((Number) Api.as(port, "dept-water").post().uri("/api/v1/filings").contentType(MediaType.APPLICATION_JSON).bodyValue(f)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();

        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(PDF) {
            @Override
            public String getFilename() {
                return "../../可研报告.pdf";
            }
        }).contentType(MediaType.TEXT_PLAIN);
        Map<String, Object> attachment = Api.as(port, "dept-water").post().uri("/api/v1/filings/" + id + "/attachments?kind=FEASIBILITY_STUDY")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(body.build())).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String sha = (String) attachment.get("sha256");
        assertThat(sha).isEqualTo(AttachmentContent.sha256(PDF));

        // the row: checksum and the name under the directory, no bytes; the file: named by the checksum alone
        var row = dsl.selectFrom(FILING_ATTACHMENT).where(FILING_ATTACHMENT.ID.eq(((Number) attachment.get("id")).longValue())).fetchSingle();
        assertThat(row.getContent()).isNull();
        assertThat(row.getStoredIn()).isEqualTo(sha.substring(0, 2) + "/" + sha);
        assertThat(Files.readAllBytes(DIRECTORY.resolve(row.getStoredIn()))).isEqualTo(PDF);
        try (var files = Files.walk(DIRECTORY.getParent(), 1)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("可研报告.pdf");
        }

        // served identically: the same bytes, always a download, nosniff, the checksum
        var download = Api.as(port, "leader").get().uri("/api/v1/filings/" + id + "/attachments/" + attachment.get("id")).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult();
        assertThat(download.getResponseBody()).isEqualTo(PDF);
        assertThat(download.getResponseHeaders().getFirst("Content-Disposition")).startsWith("attachment");
        assertThat(download.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.getResponseHeaders().getFirst("X-Checksum-SHA256")).isEqualTo(sha);
        assertThat(download.getResponseHeaders().getContentType()).hasToString("application/pdf");
        // another department may not read it
        Api.as(port, "dept-finance").get().uri("/api/v1/filings/" + id + "/attachments/" + attachment.get("id")).exchange()
                .expectStatus().isForbidden();
    }
}
