package cn.suqian.govshare.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every setting the pages list — the exchange thresholds and the connection settings, rows the migrations
 * insert — has a label in both bundles (and the thresholds a hint), so no page shows a raw key such as
 * {@code zombie_min_traffic_days}.
 */
class SettingLabelTests {

    static final Pattern INSERT = Pattern.compile("INSERT INTO (exchange_threshold|connection_setting) \\(name[^)]*\\) VALUES(.*?)\\)\\s*;[ \\t]*(?:\\n|$)", Pattern.DOTALL);
    static final Pattern NAME = Pattern.compile("\\(\\s*'([a-z_]+)'");

    @Test
    void every_setting_has_a_label_in_both_bundles() throws IOException {
        Set<String> thresholds = new TreeSet<>();
        Set<String> settings = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(MessageBundleTests.MIGRATIONS)) {
            s.filter(p -> p.toString().endsWith(".sql")).forEach(files::add);
        }
        for (Path file : files) {
            Matcher insert = INSERT.matcher(Files.readString(file));
            while (insert.find()) {
                Matcher name = NAME.matcher(insert.group(2));
                while (name.find()) {
                    (insert.group(1).equals("exchange_threshold") ? thresholds : settings).add(name.group(1));
                }
            }
        }
        assertThat(thresholds).contains("zombie_days", "zombie_min_traffic_days", "zombie_min_confidence", "settle_minutes");
        assertThat(settings).contains("heartbeat_tolerance", "probe_concurrency");
        MessageBundleTests.assertBothBundlesHave("exchange.threshold.", thresholds);
        MessageBundleTests.assertBothBundlesHave("exchange.threshold.", thresholds.stream().map(n -> n + ".hint").toList());
        MessageBundleTests.assertBothBundlesHave("connection.setting.", settings);
    }
}
