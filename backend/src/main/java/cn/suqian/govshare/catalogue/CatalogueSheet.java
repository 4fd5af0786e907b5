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
import cn.suqian.govshare.record.Labelled;
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

    static final Column<CatalogueResource> CODE = col("资源代码", "code", true, CatalogueResource::code)
            .kind(Column.Kind.CODE).describe("按《政务信息资源目录编制指南》：类 1 位、项 2 位、目 3 位，“/”后为细目和顺序号；已存在的代码表示更新该资源", "311099/001101");
    static final Column<CatalogueResource> CATEGORY = col("资源分类（类）", "category", true, CatalogueResource::category)
            .choices(List.of("1", "2", "3")).describe("1 基础信息资源、2 主题信息资源、3 部门信息资源；须与资源代码首位一致", "3");
    static final Column<CatalogueResource> CLASS_NAME = col("类名称", "className", false, CatalogueResource::className).describe("资源分类“类”的名称", "部门信息资源");
    static final Column<CatalogueResource> ITEM_NAME = col("项名称", "itemName", false, CatalogueResource::itemName).describe("“项”的名称，部门信息资源一般为单位名称", "市水利局");
    static final Column<CatalogueResource> SUBITEM_NAME = col("目名称", "subitemName", false, CatalogueResource::subitemName).describe("“目”的名称", "水利工程信息");
    static final Column<CatalogueResource> DETAIL_NAME = col("细目名称", "detailName", false, CatalogueResource::detailName).describe("“细目”的名称（如有）", "");
    static final Column<CatalogueResource> NAME = col("资源名称", "name", true, CatalogueResource::name).describe("信息资源的名称", "水利工程基本信息");
    static final Column<CatalogueResource> PROVIDER = col("提供方单位编码", "providerOrganisationCode", true, CatalogueResource::providerOrganisationCode)
            .kind(Column.Kind.CODE).describe("提供该资源的单位的编码（组织机构页面所列）；部门只能填写本单位", "water");
    static final Column<CatalogueResource> ABSTRACT = col("资源摘要", "abstract", false, CatalogueResource::abstractText).describe("资源内容的简要说明", "全市水库、堤防、泵站等水利工程的基本信息");
    static final Column<CatalogueResource> FORMAT = col("资源格式", "format", true, CatalogueResource::format)
            .choices(labels(CatalogueResource.Format.class)).describe("资源的存储或提供形式", "数据库");
    static final Column<CatalogueResource> ITEMS = col("信息项", "items", false, r -> itemsText(r.items()))
            .kind(Column.Kind.LIST).describe("每项写“名称:类型”，多项用“；”分隔；类型为 " + String.join("、", Cells.labels(CatalogueResource.DataType.class).values()), "工程名称:字符型；建成日期:日期型；库容:数值型");
    static final Column<CatalogueResource> SHARING = col("共享类型", "sharingType", true, CatalogueResource::sharingType)
            .choices(labels(CatalogueResource.SharingType.class)).describe("有条件共享须填共享条件，不予共享须填依据", "有条件共享");
    static final Column<CatalogueResource> CONDITION = col("共享条件", "sharingCondition", false, CatalogueResource::sharingCondition).describe("共享类型为有条件共享时必填", "仅限政务部门依法履职使用");
    static final Column<CatalogueResource> BASIS = col("不予共享依据", "notSharedBasis", false, CatalogueResource::notSharedBasis).describe("共享类型为不予共享时必填：法律法规或政策依据", "");
    static final Column<CatalogueResource> METHOD = col("共享方式", "sharingMethod", false, CatalogueResource::sharingMethod)
            .choices(labels(CatalogueResource.SharingMethod.class)).describe("通过共享平台提供的方式；共享的资源必填", "接口");
    static final Column<CatalogueResource> OPEN = col("开放属性", "openAttribute", true, CatalogueResource::openAttribute)
            .choices(labels(CatalogueResource.OpenAttribute.class)).describe("是否向社会开放", "不予开放");
    static final Column<CatalogueResource> CYCLE = col("更新周期", "updateCycle", true, CatalogueResource::updateCycle)
            .choices(labels(CatalogueResource.UpdateCycle.class)).describe("资源内容多久更新一次", "每月");
    static final Column<CatalogueResource> RELEASED = col("发布日期", "releasedOn", false, CatalogueResource::releasedOn)
            .kind(Column.Kind.DATE).describe("资源在目录中发布的日期", "2018-04-30");
    static final Column<CatalogueResource> RELATED = col("关联资源代码", "relatedCodes", false, CatalogueResource::relatedCodes)
            .kind(Column.Kind.LIST).describe("相关资源的资源代码，多个用“；”分隔", "");
    static final Column<CatalogueResource> BASES = col("所属基础库", "baseDatabases", false, CatalogueResource::baseDatabases)
            .kind(Column.Kind.LIST).describe("资源汇入的五大基础库，多个用“；”分隔：" + String.join("、", Cells.labels(CatalogueResource.BaseDatabase.class).values()), "自然资源和空间地理");
    static final Column<CatalogueResource> MOUNTED = col("已挂接共享平台", "mounted", false, CatalogueResource::mounted)
            .kind(Column.Kind.YES_NO).describe("资源是否已挂接到市共享平台、可共享", "是");
    static final Column<CatalogueResource> MOUNTED_SINCE = col("挂接日期", "mountedSince", false, CatalogueResource::mountedSince)
            .kind(Column.Kind.DATE).describe("已挂接时必填：挂接到共享平台的日期", "2018-08-31");
    static final Column<CatalogueResource> SOURCE = col("来源系统编码", "sourceSystemCode", false, CatalogueResource::sourceSystemCode)
            .kind(Column.Kind.CODE).describe("产生该资源的信息系统的系统编码", "water.flood-warning");

    public static final List<Column<CatalogueResource>> COLUMNS = List.of(CODE, CATEGORY, CLASS_NAME, ITEM_NAME, SUBITEM_NAME,
            DETAIL_NAME, NAME, PROVIDER, ABSTRACT, FORMAT, ITEMS, SHARING, CONDITION, BASIS, METHOD, OPEN, CYCLE, RELEASED,
            RELATED, BASES, MOUNTED, MOUNTED_SINCE, SOURCE);

    CatalogueSheet() {
    }

    /** The Chinese labels of an enumeration, in order: the drop-down's choices. */
    private static <E extends Enum<E> & Labelled> List<String> labels(Class<E> type) {
        return List.copyOf(Cells.labels(type).values());
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
