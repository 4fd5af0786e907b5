package cn.suqian.govshare.connection;

import cn.suqian.govshare.connection.ConnectionTarget.Probe;
import cn.suqian.govshare.support.ConnectionTargets;
import cn.suqian.govshare.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static cn.suqian.govshare.support.ConnectionTargets.aTarget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What makes a connection target acceptable: how it is probed, where, and how quickly it turns DOWN or UP. */
class ConnectionTargetTests {

    static List<FieldProblem> check(ConnectionTargets.Builder target) {
        return target.build().normalised().check(LocalDate.now());
    }

    @Test
    void an_http_probed_interface_is_accepted() {
        assertThat(check(aTarget())).isEmpty();
        assertThat(check(aTarget().address("https://sjgx.jiangsu.gov.cn/health"))).isEmpty();
    }

    @Test
    void an_http_probe_needs_an_http_or_https_url_with_a_host() {
        for (String bad : List.of("ftp://10.32.1.20/health", "http:///health", "10.32.1.20:8080", "http://bad host/", "")) {
            assertThat(check(aTarget().address(bad))).as(bad).extracting(FieldProblem::field).containsExactly("address");
        }
        assertThat(check(aTarget().address(null))).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("address", null));
    }

    @Test
    void a_tcp_probe_needs_host_and_port() {
        assertThat(check(aTarget().tcp("10.32.1.95:8443"))).isEmpty();
        assertThat(check(aTarget().tcp("fep.water.sq:22"))).isEmpty();
        for (String bad : List.of("10.32.1.95", "10.32.1.95:123456", "http://10.32.1.95:8443", ":8443")) {
            assertThat(check(aTarget().tcp(bad))).as(bad).extracting(FieldProblem::field, FieldProblem::value)
                    .containsExactly(tuple("address", bad));
        }
    }

    @Test
    void a_heartbeat_target_needs_no_address() {
        assertThat(check(aTarget().probe(Probe.HEARTBEAT).address(null))).isEmpty();
    }

    @Test
    void code_system_name_kind_and_probe_are_required() {
        assertThat(check(aTarget().code("API").system(null).name(null).kind(null).probe(null)))
                .extracting(FieldProblem::field).containsExactlyInAnyOrder("code", "systemCode", "name", "kind", "probe");
    }

    @Test
    void interval_and_thresholds_stay_within_their_bounds() {
        assertThat(check(aTarget().everySeconds(5).downAfter(1).upAfter(1))).isEmpty();
        assertThat(check(aTarget().everySeconds(86_400).downAfter(100).upAfter(100))).isEmpty();
        assertThat(check(aTarget().everySeconds(4).downAfter(0).upAfter(101))).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactlyInAnyOrder(tuple("intervalSeconds", 4), tuple("downAfter", 0), tuple("upAfter", 101));
        assertThat(check(aTarget().everySeconds(86_401))).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("intervalSeconds", 86_401));
    }

    @Test
    void unstated_settings_default_to_a_minute_three_failures_two_successes_and_enabled() {
        ConnectionTarget t = aTarget().code(" water.s01.api ").build().normalised();

        assertThat(t.code()).isEqualTo("water.s01.api");
        assertThat(t.intervalSeconds()).isEqualTo(60);
        assertThat(t.downAfter()).isEqualTo(3);
        assertThat(t.upAfter()).isEqualTo(2);
        assertThat(t.enabled()).isTrue();
        assertThat(aTarget().enabled(false).everySeconds(120).build().normalised())
                .satisfies(d -> assertThat(d.enabled()).isFalse(), d -> assertThat(d.intervalSeconds()).isEqualTo(120));
    }

    @Test
    void the_organisation_is_never_taken_from_the_input() {
        ConnectionTarget claimed = new ConnectionTarget("water.s01.api", "water.s01", "finance", ConnectionTarget.Kind.INTERFACE, "接口",
                Probe.HEARTBEAT, null, null, null, null, null, null, null, null);

        assertThat(claimed.normalised().organisationCode()).isNull();
    }
}
