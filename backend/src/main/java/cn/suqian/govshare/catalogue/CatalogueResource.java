package cn.suqian.govshare.catalogue;

import cn.suqian.govshare.record.RecordRules;

import cn.suqian.govshare.record.Labelled;
import cn.suqian.govshare.record.References;
import cn.suqian.govshare.record.SheetBackedRecords;
import cn.suqian.govshare.web.FieldProblem;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * An information resource in the catalogue (政务信息资源目录), with the fields of the national
 * compilation guide, plus whether it is mounted on the city sharing platform (shareable now) and since
 * when, and the system it comes from.
 */
public record CatalogueResource(
        String code,
        Integer category,
        String className,
        String itemName,
        String subitemName,
        String detailName,
        String name,
        String providerOrganisationCode,
        @JsonProperty("abstract") String abstractText,
        Format format,
        List<InformationItem> items,
        SharingType sharingType,
        String sharingCondition,
        String notSharedBasis,
        SharingMethod sharingMethod,
        OpenAttribute openAttribute,
        UpdateCycle updateCycle,
        LocalDate releasedOn,
        List<String> relatedCodes,
        List<BaseDatabase> baseDatabases,
        Boolean mounted,
        LocalDate mountedSince,
        String sourceSystemCode,
        OffsetDateTime retiredAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements SheetBackedRecords.Entry<CatalogueResource> {

    /** 信息项: a data item of the resource. */
    public record InformationItem(String name, DataType dataType) {
    }

    public enum Format implements Labelled {
        DATABASE("数据库"), SPREADSHEET("电子表格"), DOCUMENT("电子文件"), IMAGE("图形图像"), STREAM("流媒体"),
        INTERFACE("接口"), OTHER("其他");
        private final String label;
        Format(String label) { this.label = label; }
        public String label() { return label; }
    }

    public enum SharingType implements Labelled {
        UNCONDITIONAL("无条件共享"), CONDITIONAL("有条件共享"), NOT_SHARED("不予共享");
        private final String label;
        SharingType(String label) { this.label = label; }
        public String label() { return label; }
    }

    public enum SharingMethod implements Labelled {
        INTERFACE("接口"), FILE("文件"), DATABASE_EXCHANGE("库表交换");
        private final String label;
        SharingMethod(String label) { this.label = label; }
        public String label() { return label; }
    }

    public enum OpenAttribute implements Labelled {
        OPEN("开放"), CONDITIONALLY_OPEN("有条件开放"), NOT_OPEN("不予开放");
        private final String label;
        OpenAttribute(String label) { this.label = label; }
        public String label() { return label; }
    }

    public enum UpdateCycle implements Labelled {
        REAL_TIME("实时"), DAILY("每日"), WEEKLY("每周"), MONTHLY("每月"), QUARTERLY("每季度"), HALF_YEARLY("每半年"),
        YEARLY("每年"), IRREGULAR("不定期");
        private final String label;
        UpdateCycle(String label) { this.label = label; }
        public String label() { return label; }
    }

    /** The five base databases of task 8. */
    public enum BaseDatabase implements Labelled {
        POPULATION("人口"), LEGAL_ENTITY("法人单位"), NATURAL_RESOURCES("自然资源和空间地理"), ELECTRONIC_LICENCE("电子证照"),
        SOCIAL_CREDIT("社会信用");
        private final String label;
        BaseDatabase(String label) { this.label = label; }
        public String label() { return label; }
    }

    public enum DataType implements Labelled {
        STRING("字符型"), NUMBER("数值型"), DATE("日期型"), DATETIME("日期时间型"), BOOLEAN("布尔型"), BINARY("二进制");
        private final String label;
        DataType(String label) { this.label = label; }
        public String label() { return label; }
    }

    /** The provider owns the entry. */
    @Override
    public String organisationCode() {
        return providerOrganisationCode;
    }

    @Override
    public CatalogueResource normalised() {
        return new CatalogueResource(t(code), category, t(className), t(itemName), t(subitemName), t(detailName), t(name),
                t(providerOrganisationCode), t(abstractText), format,
                items == null ? List.of() : items.stream().map(i -> new InformationItem(t(i.name()), i.dataType())).toList(),
                sharingType, t(sharingCondition), t(notSharedBasis), sharingMethod, openAttribute, updateCycle, releasedOn,
                relatedCodes == null ? List.of() : List.copyOf(new LinkedHashSet<>(relatedCodes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList())),
                baseDatabases == null ? List.of() : List.copyOf(new LinkedHashSet<>(baseDatabases)),
                mounted == null ? Boolean.FALSE : mounted, mountedSince, t(sourceSystemCode), null, null, null);
    }

    @Override
    public CatalogueResource withCode(String code) {
        return new CatalogueResource(code, category, className, itemName, subitemName, detailName, name, providerOrganisationCode,
                abstractText, format, items, sharingType, sharingCondition, notSharedBasis, sharingMethod, openAttribute, updateCycle,
                releasedOn, relatedCodes, baseDatabases, mounted, mountedSince, sourceSystemCode, null, null, null);
    }

    @Override
    public List<FieldProblem> check(LocalDate today) {
        return CatalogueRules.check(this, today);
    }

    @Override
    public List<FieldProblem> checkReferences(References references) {
        return CatalogueRules.checkReferences(this, references);
    }

    private static String t(String s) {
        return RecordRules.trim(s);
    }
}
