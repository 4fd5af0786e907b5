package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.filing.Filing;
import cn.suqian.govshare.filing.FilingStatus;
import cn.suqian.govshare.organisation.Organisations;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.spreadsheet.SheetFormat;
import cn.suqian.govshare.spreadsheet.SheetWriter;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The finance board as a spreadsheet (XLSX or CSV, the spreadsheet module's writer), in Chinese: every request with
 * its verdict, the reasons (rule, plan sentence in short, missing facts, exemptions) and finance's decision.
 */
@Service
public class EligibilityExport {

    static final List<String> HEADINGS = List.of("备案编号", "单位", "项目名称", "项目类型", "备案状态", "逾期备案", "申请建设经费（元）",
            "申请运维经费（元）", "资格结论", "可安排建设经费（元）", "可安排运维经费（元）", "不符合的规则", "须复核的规则", "已豁免的规则", "理由",
            "财政决定", "决定建设经费（元）", "决定运维经费（元）", "决定理由", "背离资格结论");

    static final Map<Verdict, String> VERDICT = Map.of(Verdict.ELIGIBLE, "符合", Verdict.ELIGIBLE_BY_EXEMPTION, "经豁免符合",
            Verdict.NOT_ELIGIBLE, "不符合", Verdict.NEEDS_REVIEW, "须复核", Verdict.NOT_APPLICABLE, "不适用");
    static final Map<Filing.ProjectType, String> TYPE = Map.of(Filing.ProjectType.NEW_BUILD, "新建", Filing.ProjectType.CONTINUATION, "续建",
            Filing.ProjectType.EXPANSION, "扩建", Filing.ProjectType.OPERATION_MAINTENANCE, "运维", Filing.ProjectType.PURCHASED_SERVICE, "购买服务");
    static final Map<FilingStatus, String> STATUS = Map.of(FilingStatus.DRAFT, "草稿", FilingStatus.SUBMITTED, "已提交",
            FilingStatus.UNDER_REVIEW, "审核中", FilingStatus.APPROVED, "已通过", FilingStatus.RETURNED, "退回修改", FilingStatus.REJECTED, "不予通过");
    static final Map<FundingDecisions.Decision, String> DECISION = Map.of(FundingDecisions.Decision.FUNDED, "安排",
            FundingDecisions.Decision.PARTLY_FUNDED, "部分安排", FundingDecisions.Decision.NOT_FUNDED, "不安排");

    /** A file to download. */
    public record File(String name, SheetFormat format, byte[] content) {
    }

    private final Db db;
    private final EligibilityQueries queries;
    private final Organisations organisations;

    EligibilityExport(Db db, EligibilityQueries queries, Organisations organisations) {
        this.db = db;
        this.queries = queries;
        this.organisations = organisations;
    }

    public Mono<File> export(CurrentUser user, int year, EligibilityQueries.Filter filter, SheetFormat format) {
        Eligibility.requireYear(year);
        return db.tx(dsl -> {
            var board = queries.board(dsl, user, year, filter);
            Map<String, String> names = new HashMap<>();
            organisations.active(dsl).forEach(o -> names.put(o.code(), o.name()));
            List<List<String>> rows = new ArrayList<>();
            for (var i : board.items()) {
                var d = i.decision();
                rows.add(java.util.Arrays.asList(String.valueOf(i.filingId()), names.getOrDefault(i.organisationCode(), i.organisationCode()), i.name(),
                        TYPE.get(i.projectType()), STATUS.get(i.status()), i.late() ? "是" : "否", money(i.constructionAmount()), money(i.omAmount()),
                        VERDICT.get(i.verdict()), money(i.eligibleConstruction()), money(i.eligibleOm()), String.join("、", i.fired()),
                        String.join("、", i.review()), String.join("、", i.exempted()), String.join("；", i.reasons()),
                        d == null ? "未决定" : DECISION.get(d.decision()), d == null ? "" : money(d.constructionAmount()),
                        d == null ? "" : money(d.omAmount()), d == null || d.reason() == null ? "" : d.reason(),
                        d == null ? "" : d.againstVerdict() ? "是" : "否"));
            }
            byte[] content = SheetWriter.write(format, year + "年度经费资格", HEADINGS, rows);
            return new File(year + "年度经费申请资格审查", format, content);
        });
    }

    private static String money(BigDecimal v) {
        return v == null ? "" : v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
