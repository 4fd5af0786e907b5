package cn.suqian.govshare.support;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The real application on a random port, over a throw-away embedded PostgreSQL with demo users.
 * Every integration test uses exactly these properties so that one context (and one database) is shared.
 * The scheduler is off: tests drive jobs themselves. Blocking calls on the event loop fail the test
 * ({@link EventLoopGuard}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "govshare.embedded.ephemeral=true",
        "govshare.demo.enabled=true",
        "govshare.scheduling.enabled=false",
        "govshare.exchange.simulator=false"
})
@ExtendWith(EventLoopGuard.class)
public @interface IntegrationTest {
}
