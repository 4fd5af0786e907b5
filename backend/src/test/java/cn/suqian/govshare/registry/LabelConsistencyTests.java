package cn.suqian.govshare.registry;

import cn.suqian.govshare.catalogue.CatalogueSheet;
import cn.suqian.govshare.inventory.InformationSystemSheet;
import cn.suqian.govshare.spreadsheet.Column;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One word per field: a spreadsheet heading is exactly what the page calls the field (message key
 * {@code <page>.field.<field>} in zh-CN.json), or that label followed by 编码 where the sheet holds the code of
 * what the page shows by name, or by a bracketed unit or level such as （元） or （类）.
 */
class LabelConsistencyTests {

    static final Map<String, String> ZH = bundle();

    @SuppressWarnings("unchecked")
    static Map<String, String> bundle() {
        return JsonMapper.builder().build().readValue(Path.of("..", "frontend", "web", "i18n", "zh-CN.json").toFile(), Map.class);
    }

    /** The page's label key for a field, where it is not simply {@code <page>.field.<field>}. */
    static final Map<String, String> SYSTEM_KEYS = Map.of(
            "organisationCode", "system.field.organisation");
    static final Map<String, String> CATALOGUE_KEYS = Map.of(
            "providerOrganisationCode", "catalogue.field.provider",
            "sourceSystemCode", "catalogue.field.sourceSystem");

    static <T> List<String> mismatches(String page, List<Column<T>> columns, Map<String, String> keys) {
        List<String> wrong = new ArrayList<>();
        for (Column<T> c : columns) {
            String key = keys.getOrDefault(c.field(), page + ".field." + c.field());
            String label = ZH.get(key);
            if (label == null) {
                wrong.add(c.heading() + ": the page has no label " + key);
                continue;
            }
            String heading = c.heading();
            boolean same = heading.equals(label)
                    || heading.equals(label + "编码")
                    || (heading.startsWith(label + "（") && heading.endsWith("）"));
            if (!same) {
                wrong.add("sheet says " + heading + ", page says " + label + " (" + key + ")");
            }
        }
        return wrong;
    }

    @Test
    void inventory_headings_use_the_words_of_the_systems_page() {
        assertThat(mismatches("system", InformationSystemSheet.COLUMNS, SYSTEM_KEYS)).isEmpty();
        // the two the issue named
        assertThat(ZH.get("system.field.lifecycleStatus")).isEqualTo("生命周期状态");
        assertThat(ZH.get("system.field.fundingType")).isEqualTo("资金类型");
    }

    @Test
    void catalogue_headings_use_the_words_of_the_catalogue_page() {
        assertThat(mismatches("catalogue", CatalogueSheet.COLUMNS, CATALOGUE_KEYS)).isEmpty();
    }
}
