package cn.suqian.govshare.filing;

import cn.suqian.govshare.inventory.InformationSystem.Deployment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A funding request as filed (全口径备案): what the department asks for, for which systems, built how. The
 * workflow fields (status, submittedAt, late) are set by the workflow, never by the form.
 */
public record Filing(Long id, String organisationCode, Integer budgetYear, ProjectType projectType, String name,
                     BigDecimal constructionAmount, BigDecimal omAmount, List<FundingSource> fundingSources,
                     List<String> systemCodes, List<PlannedSystem> plannedSystems, Deployment deployment,
                     String deploymentJustification, Network network, String networkJustification, DataRoomWork dataRoomWork,
                     Boolean ownExchangePlatform, List<String> providedResources, List<String> consumedResources,
                     String connectionPlan, Integer protectionLevel, String performanceTargets, FilingStatus status,
                     OffsetDateTime submittedAt, boolean late, String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                     Long version, List<Attachment> attachments, List<String> missing) {

    /** 新建 / 续建 / 扩建 / 运维 / 购买服务. */
    public enum ProjectType { NEW_BUILD, CONTINUATION, EXPANSION, OPERATION_MAINTENANCE, PURCHASED_SERVICE }

    /** The network the project uses: the e-gov extranet, a new private network (R3), an existing one, … */
    public enum Network { EGOV_EXTRANET, NEW_PRIVATE_NETWORK, EXISTING_PRIVATE_NETWORK, INTERNET, CLASSIFIED }

    /** Data-room building or expansion the project includes (R5). */
    public enum DataRoomWork { NONE, BUILD, EXPAND }

    public enum AttachmentKind { FEASIBILITY_STUDY, APPROVAL, OTHER }

    /** Amounts by funding source (财政预算, 专项资金, 自筹, …). */
    public record FundingSource(String source, BigDecimal construction, BigDecimal om) {
    }

    /** A system the project will build, described in the filing (not yet in the inventory). */
    public record PlannedSystem(String name, String purpose) {
    }

    /** An attachment's description (its bytes are served by download only). */
    public record Attachment(long id, AttachmentKind kind, String fileName, String contentType, int sizeBytes, String sha256,
                             String uploadedBy, OffsetDateTime uploadedAt) {
    }

    /** One workflow step with its comment. */
    public record Transition(long id, FilingStatus from, FilingStatus to, String actor, String comment, boolean late, OffsetDateTime at) {
    }

    /** The office's filing window of a budget year: a submission after it closes is accepted and marked late. */
    public record Window(int budgetYear, java.time.LocalDate opensOn, java.time.LocalDate closesOn, String setBy, OffsetDateTime updatedAt) {
    }

    /** The fields a department fills in. */
    public record Input(String organisationCode, Integer budgetYear, ProjectType projectType, String name,
                        BigDecimal constructionAmount, BigDecimal omAmount, List<FundingSource> fundingSources,
                        List<String> systemCodes, List<PlannedSystem> plannedSystems, Deployment deployment,
                        String deploymentJustification, Network network, String networkJustification, DataRoomWork dataRoomWork,
                        Boolean ownExchangePlatform, List<String> providedResources, List<String> consumedResources,
                        String connectionPlan, Integer protectionLevel, String performanceTargets, Long version) {
    }

    public boolean isNewOrExtended() {
        return projectType == ProjectType.NEW_BUILD || projectType == ProjectType.EXPANSION;
    }
}
