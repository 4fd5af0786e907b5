package cn.suqian.govshare.catalogue;

import cn.suqian.govshare.catalogue.CatalogueResource.BaseDatabase;
import cn.suqian.govshare.catalogue.CatalogueResource.DataType;
import cn.suqian.govshare.catalogue.CatalogueResource.Format;
import cn.suqian.govshare.catalogue.CatalogueResource.InformationItem;
import cn.suqian.govshare.catalogue.CatalogueResource.OpenAttribute;
import cn.suqian.govshare.catalogue.CatalogueResource.SharingMethod;
import cn.suqian.govshare.catalogue.CatalogueResource.SharingType;
import cn.suqian.govshare.catalogue.CatalogueResource.UpdateCycle;

import cn.suqian.govshare.record.Cells;
import cn.suqian.govshare.record.SheetBackedRecords;

import cn.suqian.govshare.spreadsheet.CellParsers;
import cn.suqian.govshare.spreadsheet.Column;
import cn.suqian.govshare.web.ProblemCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The catalogue spreadsheet. Information items are written "名称:类型；名称:类型"; lists are separated
 * by "；"; enumerations use their Chinese labels (English constants are accepted too).
 */
public final class CatalogueSheet implements SheetBackedRecords.Sheet<CatalogueResource> {

    static final Column<CatalogueResource> CODE = col("资源代码", "code", true, CatalogueResource::code);
    static final Column<CatalogueResource> CATEGORY = col("资源分类（类）", "category", true, CatalogueResource::category);
    static final Column<CatalogueResource> CLASS_NAME = col("类名称", "className", false, CatalogueResource::className);
    static final Column<CatalogueResource> ITEM_NAME = col("项名称", "itemName", false, CatalogueResource::itemName);
    static final Column<CatalogueResource> SUBITEM_NAME = col("目名称", "subitemName", false, CatalogueResource::subitemName);
    static final Column<CatalogueResource> DETAIL_NAME = col("细目名称", "detailName", false, CatalogueResource::detailName);
    static final Column<CatalogueResource> NAME = col("资源名称", "name", true, CatalogueResource::name);
    static final Column<CatalogueResource> PROVIDER = col("提供方单位编码", "providerOrganisationCode", true, CatalogueResource::providerOrganisationCode);
    static final Column<CatalogueResource> ABSTRACT = col("资源摘要", "abstract", false, CatalogueResource::abstractText);
    static final Column<CatalogueResource> FORMAT = col("资源格式", "format", true, CatalogueResource::format);
    static final Column<CatalogueResource> ITEMS = col("信息项", "items", false, r -> itemsText(r.items()));
    static final Column<CatalogueResource> SHARING = col("共享类型", "sharingType", true, CatalogueResource::sharingType);
    static final Column<CatalogueResource> CONDITION = col("共享条件", "sharingCondition", false, CatalogueResource::sharingCondition);
    static final Column<CatalogueResource> BASIS = col("不予共享依据", "notSharedBasis", false, CatalogueResource::notSharedBasis);
    static final Column<CatalogueResource> METHOD = col("共享方式", "sharingMethod", false, CatalogueResource::sharingMethod);
    static final Column<CatalogueResource> OPEN = col("开放属性", "openAttribute", true, CatalogueResource::openAttribute);
    static final Column<CatalogueResource> CYCLE = col("更新周期", "updateCycle", true, CatalogueResource::updateCycle);
    static final Column<CatalogueResource> RELEASED = col("发布日期", "releasedOn", false, CatalogueResource::releasedOn);
    static final Column<CatalogueResource> RELATED = col("关联资源代码", "relatedCodes", false, CatalogueResource::relatedCodes);
    static final Column<CatalogueResource> BASES = col("所属基础库", "baseDatabases", false, CatalogueResource::baseDatabases);
    static final Column<CatalogueResource> MOUNTED = col("已挂接共享平台", "mounted", false, CatalogueResource::mounted);
    static final Column<CatalogueResource> MOUNTED_SINCE = col("挂接日期", "mountedSince", false, CatalogueResource::mountedSince);
    static final Column<CatalogueResource> SOURCE = col("来源系统编码", "sourceSystemCode", false, CatalogueResource::sourceSystemCode);

    public static final List<Column<CatalogueResource>> COLUMNS = List.of(CODE, CATEGORY, CLASS_NAME, ITEM_NAME, SUBITEM_NAME,
            DETAIL_NAME, NAME, PROVIDER, ABSTRACT, FORMAT, ITEMS, SHARING, CONDITION, BASIS, METHOD, OPEN, CYCLE, RELEASED,
            RELATED, BASES, MOUNTED, MOUNTED_SINCE, SOURCE);

    CatalogueSheet() {
    }

    private static Column<CatalogueResource> col(String heading, String field, boolean required, Function<CatalogueResource, Object> value) {
        return new Column<>(heading, field, required, r -> Cells.of(value.apply(r)));
    }

    static String itemsText(List<InformationItem> items) {
        if (items.isEmpty()) {
            return null;
        }
        return String.join("；", items.stream().map(i -> i.name() + ":" + (i.dataType() == null ? "" : i.dataType().label())).toList());
    }

    @Override
    public String entityType() {
        return "catalogue_resource";
    }

    @Override
    public String entityName() {
        return "catalogue resource";
    }

    @Override
    public String sheetName() {
        return "政务信息资源目录";
    }

    @Override
    public List<Column<CatalogueResource>> columns() {
        return COLUMNS;
    }

    @Override
    public CatalogueResource parse(CellParsers c) {
        List<InformationItem> items = new ArrayList<>();
        Map<DataType, String> typeLabels = Cells.labels(DataType.class);
        for (String entry : c.list(ITEMS)) {
            String[] parts = entry.split("[:：]", 2);
            DataType type = null;
            if (parts.length == 2) {
                String t = parts[1].strip();
                for (var e : typeLabels.entrySet()) {
                    if (e.getValue().equals(t) || e.getKey().name().equalsIgnoreCase(t)) {
                        type = e.getKey();
                    }
                }
            }
            if (type == null) {
                c.problem(ITEMS, entry, ProblemCode.ITEM_FORMAT, String.join("、", typeLabels.values()));
            }
            items.add(new InformationItem(parts[0].strip(), type));
        }
        List<BaseDatabase> bases = new ArrayList<>();
        for (String b : c.list(BASES)) {
            BaseDatabase found = null;
            for (BaseDatabase d : BaseDatabase.values()) {
                if (d.label().equals(b) || (d.label() + "基础数据库").equals(b) || (d.label() + "库").equals(b) || d.name().equalsIgnoreCase(b)) {
                    found = d;
                }
            }
            if (found == null) {
                c.problem(BASES, b, ProblemCode.ONE_OF, String.join("、", Cells.labels(BaseDatabase.class).values()));
            } else {
                bases.add(found);
            }
        }
        return new CatalogueResource(c.text(CODE), c.integer(CATEGORY), c.text(CLASS_NAME), c.text(ITEM_NAME),
                c.text(SUBITEM_NAME), c.text(DETAIL_NAME), c.text(NAME), c.text(PROVIDER), c.text(ABSTRACT),
                c.choice(FORMAT, Format.class, Cells.labels(Format.class)), items,
                c.choice(SHARING, SharingType.class, Cells.labels(SharingType.class)), c.text(CONDITION), c.text(BASIS),
                c.choice(METHOD, SharingMethod.class, Cells.labels(SharingMethod.class)),
                c.choice(OPEN, OpenAttribute.class, Cells.labels(OpenAttribute.class)),
                c.choice(CYCLE, UpdateCycle.class, Cells.labels(UpdateCycle.class)), c.date(RELEASED), c.list(RELATED), bases,
                c.bool(MOUNTED), c.date(MOUNTED_SINCE), c.text(SOURCE), null, null, null).normalised();
    }

    @Override
    public String organisationField() {
        return "providerOrganisationCode";
    }
}
