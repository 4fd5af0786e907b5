package cn.suqian.govshare.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' own client ({@link Api}) reads every response body, so a test that asserts only a status leaves no
 * pooled buffer behind. Before, each refusal checked that way left one, and Netty's leak detector reported it in the
 * shared log — where it read as a leak of the service (one such report per suite run, sixty per class at PARANOID).
 */
@IntegrationTest
class TestClientLeakTests {

    @LocalServerPort
    int port;

    @Test
    void status_only_assertions_on_refusals_leave_no_response_buffer() throws Exception {
        ListAppender<ILoggingEvent> leaks = new ListAppender<>();
        leaks.start();
        Logger detector = (Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector");
        ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();
        detector.addAppender(leaks);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try {
            EarlyRefusalTests.surfaceLeaks(); // what earlier classes left is not this test's
            leaks.list.clear();
            for (int i = 0; i < 20; i++) {
                Api.as(port, "dept-water").get().uri("/api/v1/users").exchange().expectStatus().isForbidden();
                Api.as(port, "admin").get().uri("/api/v1/systems/no-such-system").exchange().expectStatus().isNotFound();
                Api.as(port, "admin").post().uri("/api/v1/exchange/stats").contentType(MediaType.APPLICATION_JSON).bodyValue("[{}]")
                        .exchange().expectStatus().isBadRequest();
            }
            EarlyRefusalTests.surfaceLeaks();
            assertThat(leaks.list).extracting(ILoggingEvent::getFormattedMessage).filteredOn(m -> m.contains("LEAK")).isEmpty();
        } finally {
            ResourceLeakDetector.setLevel(previous);
            detector.detachAppender(leaks);
        }
    }
}
