package cn.suqian.govshare.web;

import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages and their two message bundles ({@code frontend/web/i18n/*.json}) agree: both bundles hold
 * the same keys, and every key the pages name is in both.
 *
 * <p>Found in the files: {@code data-i18n="…"} and {@code data-i18n-*="…"} in the markup; {@code t('…')}
 * (also {@code t(x ? '…' : '…')}) in the scripts; and any other key-shaped string literal in the scripts,
 * which must be a key or the prefix of keys. Keys built at run time from a prefix and a value cannot be
 * found that way. Those the pages use:
 * <ul>
 * <li>{@code problem.<code>} (a refusal's reason), {@code field.<field>} (a refused field's label),
 * {@code error.status.<status>} and {@code error.statusDetail.<status>} (an HTTP failure)</li>
 * <li>{@code enum.<kind>.<VALUE>} (registry enums; {@code enum.protectionLevel.<n>}), {@code org.type.<TYPE>},
 * {@code role.<ROLE>}, {@code lang.<language>}</li>
 * <li>{@code audit.action.<ACTION>}, {@code audit.entity.<table>}</li>
 * <li>{@code database.<kind>}, {@code timeseries.<mode>}, {@code status.card.databaseNote.<kind>}</li>
 * <li>{@code exchange.granularity.<G>}, {@code exchange.anomalyKind.<KIND>}, {@code exchange.anomalyStatus.<S>},
 * {@code exchange.quarantineKind.<KIND>}, {@code exchange.runStatus.<S>}, {@code exchange.detailKey.<key>}</li>
 * <li>{@code import.result.open.<kind>}</li>
 * </ul>
 * Where the values are known here they are checked with {@link #assertBothBundlesHave}: the audited tables
 * and actions, and the values the schema allows in the columns the pages show. Any other collection of
 * codes (e.g. the refusal codes, {@code problem.<code>}) is one call of it away.
 */
class MessageBundleTests {

    // Maven runs the tests in backend/.
    static final Path WEB = Path.of("..", "frontend", "web");
    static final Path MIGRATIONS = Path.of("..", "sql", "migrations");
    static final Path MAIN_SOURCES = Path.of("src", "main", "java");

    static final Map<String, Set<String>> BUNDLES = bundles();

    static final Pattern MARKUP_KEY = Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]+)\"");
    static final Pattern SCRIPT_KEY = Pattern.compile("\\bt\\(\\s*(['\"])([^'\"]+)\\1");
    static final Pattern SCRIPT_CHOICE = Pattern.compile("\\bt\\(\\s*[^'\"()]+\\?\\s*'([^']+)'\\s*:\\s*'([^']+)'");
    static final Pattern KEY_LITERAL = Pattern.compile("(['\"])([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9_-]+)+)\\1");
    static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|(?m)(?:^|\\s)//[^\\n]*", Pattern.DOTALL);
    static final Pattern AUDITED_TABLE = Pattern.compile(
            "CREATE TRIGGER \\w+ AFTER [A-Z ,_a-z]+? ON (\\w+)\\s+FOR EACH ROW EXECUTE FUNCTION audit_row_change");
    static final Pattern RECORDED_ACTION = Pattern.compile("audit\\w*\\.record\\(\\s*\\w+\\s*,\\s*\"([A-Z_]+)\"");

    @Test
    void both_bundles_have_the_same_keys() {
        assertThat(BUNDLES).containsOnlyKeys("zh-CN", "en");
        Set<String> zh = BUNDLES.get("zh-CN");
        Set<String> en = BUNDLES.get("en");
        Map<String, Set<String>> unmatched = new TreeMap<>();
        putUnlessEmpty(unmatched, "only in zh-CN.json", difference(zh, en));
        putUnlessEmpty(unmatched, "only in en.json", difference(en, zh));
        assertThat(unmatched).isEmpty();
    }

    @Test
    void every_key_the_markup_names_is_in_both_bundles() {
        Map<String, Set<String>> used = usedKeys(files("html"), MARKUP_KEY, 1);
        assertThat(used).isNotEmpty();
        assertKeysExist(used);
    }

    @Test
    void every_key_the_scripts_translate_is_in_both_bundles() {
        Map<String, Set<String>> used = usedKeys(files("js"), SCRIPT_KEY, 2);
        usedKeys(files("js"), SCRIPT_CHOICE, 1, 2).forEach((file, keys) -> used.merge(file, keys, MessageBundleTests::union));
        assertThat(used).isNotEmpty();
        assertKeysExist(used);
    }

    /** Keys handed around before they are translated: emptyKey: '…', emptyRow(table, '…'), tEnum('prefix', …). */
    @Test
    void every_key_shaped_literal_in_the_scripts_is_a_key_or_a_prefix_of_keys() {
        Set<String> namespaces = new TreeSet<>();
        BUNDLES.values().forEach(keys -> keys.forEach(k -> namespaces.add(k.substring(0, k.indexOf('.') + 1))));
        Map<String, Set<String>> literalsByFile = usedKeys(files("js"), KEY_LITERAL, 2);
        assertThat(literalsByFile).isNotEmpty();
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        literalsByFile.forEach((file, literals) -> {
            for (String literal : literals) {
                boolean keyLike = namespaces.contains(literal.substring(0, literal.indexOf('.') + 1));
                boolean known = BUNDLES.values().stream().allMatch(keys -> keys.contains(literal) || hasPrefix(keys, literal + "."));
                if (keyLike && !known) {
                    unknown.computeIfAbsent(file, f -> new TreeSet<>()).add(literal);
                }
            }
        });
        assertThat(unknown).as("literals that look like message keys but are neither a key nor a prefix of keys in both bundles").isEmpty();
    }

    @Test
    void every_audited_table_and_every_audit_action_has_its_words() {
        Set<String> tables = matches(read(MIGRATIONS, "sql"), AUDITED_TABLE);
        assertThat(tables).contains("organisation", "information_system");
        assertBothBundlesHave("audit.entity.", tables);

        Set<String> actions = new TreeSet<>(List.of("INSERT", "UPDATE", "DELETE")); // TG_OP of audit_row_change()
        actions.addAll(matches(read(MAIN_SOURCES, "java"), RECORDED_ACTION));
        assertThat(actions).contains("IMPORT");
        assertBothBundlesHave("audit.action.", actions);
    }

    @Test
    void every_value_the_schema_allows_in_a_column_the_pages_show_has_its_words() {
        Map<String, String> prefixByColumn = new LinkedHashMap<>();
        prefixByColumn.put("organisation.type", "org.type.");
        prefixByColumn.put("app_user.role", "role.");
        prefixByColumn.put("information_system.funding_type", "enum.fundingType.");
        prefixByColumn.put("information_system.lifecycle_status", "enum.lifecycleStatus.");
        prefixByColumn.put("information_system.deployment", "enum.deployment.");
        prefixByColumn.put("information_system.network", "enum.network.");
        prefixByColumn.put("catalogue_resource.format", "enum.format.");
        prefixByColumn.put("catalogue_resource.sharing_type", "enum.sharingType.");
        prefixByColumn.put("catalogue_resource.sharing_method", "enum.sharingMethod.");
        prefixByColumn.put("catalogue_resource.open_attribute", "enum.openAttribute.");
        prefixByColumn.put("catalogue_resource.update_cycle", "enum.updateCycle.");
        prefixByColumn.put("key_task.kind", "enum.taskKind.");
        prefixByColumn.put("exchange_anomaly.kind", "exchange.anomalyKind.");
        prefixByColumn.put("exchange_anomaly.status", "exchange.anomalyStatus.");
        prefixByColumn.put("exchange_quarantine.kind", "exchange.quarantineKind.");
        prefixByColumn.put("exchange_collector_run.status", "exchange.runStatus.");
        String schema = read(MIGRATIONS, "sql");
        prefixByColumn.forEach((column, prefix) -> {
            String[] tableAndColumn = column.split("\\.");
            assertBothBundlesHave(prefix, allowedValues(schema, tableAndColumn[0], tableAndColumn[1]));
        });
    }

    @Test
    void every_language_names_itself_in_both_bundles() {
        assertBothBundlesHave("lang.", BUNDLES.keySet());
    }

    /**
     * Fails unless both bundles have prefix + code for every code, e.g.
     * {@code assertBothBundlesHave("problem.", refusalCodes)} for keys the pages build at run time.
     */
    static void assertBothBundlesHave(String prefix, Collection<String> codes) {
        assertThat(codes).as("codes for %s*", prefix).isNotEmpty();
        Map<String, Set<String>> missing = new TreeMap<>();
        BUNDLES.forEach((language, keys) -> {
            Set<String> wanted = new TreeSet<>();
            codes.forEach(c -> wanted.add(prefix + c));
            putUnlessEmpty(missing, language + ".json", difference(wanted, keys));
        });
        assertThat(missing).as("%s* keys missing from the bundles", prefix).isEmpty();
    }

    // ---- Reading ------------------------------------------------------------------------

    static Map<String, Set<String>> bundles() {
        // a key given twice would silently lose one of its texts
        JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        Map<String, Set<String>> bundles = new LinkedHashMap<>();
        for (Path file : list(WEB.resolve("i18n"), "json")) {
            Map<?, ?> messages = json.readValue(file.toFile(), Map.class);
            Set<String> keys = new TreeSet<>();
            messages.keySet().forEach(k -> keys.add((String) k));
            bundles.put(file.getFileName().toString().replaceFirst("\\.json$", ""), keys);
        }
        return bundles;
    }

    /** Fails naming, per bundle and file, every used key the bundle lacks. */
    static void assertKeysExist(Map<String, Set<String>> usedByFile) {
        Map<String, Map<String, Set<String>>> missing = new TreeMap<>();
        BUNDLES.forEach((language, keys) -> usedByFile.forEach((file, used) -> {
            Set<String> absent = difference(used, keys);
            if (!absent.isEmpty()) {
                missing.computeIfAbsent(language + ".json", l -> new TreeMap<>()).put(file, absent);
            }
        }));
        assertThat(missing).as("keys the pages use but the bundles lack").isEmpty();
    }

    /** For each file, the groups of every match of pattern (comments left out). */
    static Map<String, Set<String>> usedKeys(List<Path> files, Pattern pattern, int... groups) {
        Map<String, Set<String>> used = new LinkedHashMap<>();
        for (Path file : files) {
            Matcher m = pattern.matcher(COMMENT.matcher(read(file)).replaceAll(""));
            while (m.find()) {
                for (int group : groups) {
                    used.computeIfAbsent(WEB.relativize(file).toString(), f -> new TreeSet<>()).add(m.group(group));
                }
            }
        }
        return used;
    }

    /** The values a CHECK (column IN ('A', 'B', …)) in table's CREATE TABLE allows. */
    static Set<String> allowedValues(String schema, String table, String column) {
        Matcher create = Pattern.compile("CREATE TABLE " + table + " \\((.*?)\\n\\);", Pattern.DOTALL).matcher(schema);
        assertThat(create.find()).as("CREATE TABLE %s", table).isTrue();
        Matcher check = Pattern.compile("(?m)^\\s*" + column + "\\s.*?CHECK \\(" + column + " IN \\(([^)]*)\\)").matcher(create.group(1));
        assertThat(check.find()).as("CHECK (%s IN (…)) in %s", column, table).isTrue();
        return matches(check.group(1), Pattern.compile("'([^']*)'"));
    }

    static Set<String> matches(String text, Pattern pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static List<Path> files(String extension) {
        return list(WEB, extension);
    }

    static List<Path> list(Path dir, String extension) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.toString().endsWith("." + extension)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file with that extension below dir, one after the other. */
    static String read(Path dir, String extension) {
        List<String> texts = new ArrayList<>();
        list(dir, extension).forEach(p -> texts.add(read(p)));
        return String.join("\n", texts);
    }

    static void putUnlessEmpty(Map<String, Set<String>> map, String key, Set<String> values) {
        if (!values.isEmpty()) {
            map.put(key, values);
        }
    }

    static boolean hasPrefix(Set<String> keys, String prefix) {
        return keys.stream().anyMatch(k -> k.startsWith(prefix));
    }

    static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }
}
