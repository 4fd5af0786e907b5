package cn.suqian.govshare.report;

import cn.suqian.govshare.report.AnnualReportSection.Unit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a reported figure is compared with its measurement. */
class AnnualReportRulesTests {

    @Test
    void counts_differ_relative_to_the_measurement_percentages_in_points() {
        assertThat(AnnualReports.beyond(Unit.COUNT, 100.0, 105.0, 5)).isFalse();
        assertThat(AnnualReports.beyond(Unit.COUNT, 100.0, 105.1, 5)).isTrue();
        assertThat(AnnualReports.beyond(Unit.COUNT, 100.0, 94.0, 5)).isTrue();
        assertThat(AnnualReports.difference(Unit.CALLS, 200.0, 150)).isEqualTo(25.0);
        assertThat(AnnualReports.beyond(Unit.PERCENT, 99.0, 99.9, 1)).isFalse();
        assertThat(AnnualReports.beyond(Unit.PERCENT, 90.0, 99.0, 5)).isTrue();
    }

    @Test
    void zero_measured_differs_from_any_other_report_and_nothing_measured_cannot_be_checked() {
        assertThat(AnnualReports.beyond(Unit.COUNT, 0.0, 1, 50)).isTrue();
        assertThat(AnnualReports.beyond(Unit.COUNT, 0.0, 0, 0)).isFalse();
        assertThat(AnnualReports.beyond(Unit.PERCENT, null, 99, 5)).isFalse();
        assertThat(AnnualReports.difference(Unit.COUNT, null, 3)).isNull();
    }
}
