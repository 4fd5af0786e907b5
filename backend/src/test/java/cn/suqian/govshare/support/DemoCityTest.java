package cn.suqian.govshare.support;

import cn.suqian.govshare.exchange.ExchangeSimulator;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo city as a newcomer first starts it: demo registry and users, the simulated exchange platform on (its
 * fourteen days of traffic back-filled through the ingest endpoint, rolled up and looked at for anomalies), in a
 * database of its own so that the other integration tests' systems and traffic are not in it. Every test of the
 * fresh demo uses exactly these properties, so they share one context and one back-fill. The scheduler is off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "govshare.embedded.ephemeral=true",
        "govshare.embedded.instance=demo-city",
        "govshare.demo.enabled=true",
        "govshare.scheduling.enabled=false",
        "govshare.exchange.simulator=true"
})
public @interface DemoCityTest {

    /** The simulator's start-up back-fill, which every test of the fresh demo waits for. */
    final class Backfill {

        private Backfill() {
        }

        /** Waits (up to four minutes) for the back-fill to be pushed, rolled up and looked at for anomalies. */
        public static void await(ExchangeSimulator simulator) throws InterruptedException {
            for (int i = 0; i < 480 && !simulator.backfilled(); i++) {
                Thread.sleep(500);
            }
            assertThat(simulator.backfilled()).as("the simulator's back-fill finished").isTrue();
        }
    }
}
