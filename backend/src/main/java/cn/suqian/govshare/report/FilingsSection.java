package cn.suqian.govshare.report;

import cn.suqian.govshare.eligibility.Eligibility;
import cn.suqian.govshare.eligibility.Verdict;
import cn.suqian.govshare.filing.Filing;
import cn.suqian.govshare.filing.FilingStatus;
import cn.suqian.govshare.filing.Filings;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static cn.suqian.govshare.report.AnnualReportSection.count;

/**
 * The funding requests the organisation filed in the reported year (submitted then, for that budget year or the
 * next) and what came of them: how many, how many late, the office's decisions, and each request's current
 * eligibility verdict (filing and eligibility modules' published reads). A draft never submitted is not filed.
 */
@Component
class FilingsSection implements AnnualReportSection {

    private final Filings filings;
    private final Eligibility eligibility;

    FilingsSection(Filings filings, Eligibility eligibility) {
        this.filings = filings;
        this.eligibility = eligibility;
    }

    public String key() {
        return "filings";
    }

    public int order() {
        return 110;
    }

    public List<Figure> measure(DSLContext dsl, Period p) {
        List<Filing> filed = new ArrayList<>();
        for (int budgetYear : new int[] {p.year(), p.year() + 1}) {
            filings.ofYear(dsl, budgetYear).stream()
                    .filter(f -> p.organisation().equals(f.organisationCode()) && f.status() != FilingStatus.DRAFT && p.inYear(f.submittedAt()))
                    .forEach(filed::add);
        }
        Map<Long, Verdict> verdicts = new java.util.HashMap<>();
        for (Filing f : filed) {
            eligibility.currentVerdict(dsl, f.id()).ifPresent(v -> verdicts.put(f.id(), v));
        }
        String page = p.page("/filings.html");
        String api = "/api/v1/filings?organisation=" + p.organisation() + "&year=";
        String apis = api + (p.year() + 1); // the next budget year: what a year's filing window is for
        String board = p.page("/eligibility.html", "year", String.valueOf(p.year() + 1));
        String boardApi = "/api/v1/eligibility?year=" + (p.year() + 1) + "&organisation=" + p.organisation();
        List<Figure> f = new ArrayList<>();
        f.add(count("filings.submitted", filed.size(), page, apis));
        f.add(count("filings.late", countOf(filed, Filing::late), page, apis));
        f.add(count("filings.approved", countOf(filed, x -> x.status() == FilingStatus.APPROVED), page, apis, p.measuredOn()));
        f.add(count("filings.rejected", countOf(filed, x -> x.status() == FilingStatus.REJECTED), page, apis, p.measuredOn()));
        for (Verdict v : List.of(Verdict.ELIGIBLE, Verdict.ELIGIBLE_BY_EXEMPTION, Verdict.NOT_ELIGIBLE, Verdict.NEEDS_REVIEW)) {
            f.add(count("filings.verdict." + v.name(), countOf(filed, x -> verdicts.get(x.id()) == v), board, boardApi, p.measuredOn()));
        }
        return f;
    }

    private static long countOf(List<Filing> filed, Predicate<Filing> p) {
        return filed.stream().filter(p).count();
    }
}
