package cn.suqian.govshare.exchange;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The record fields' map answers as a LinkedHashMap would, in the same order, however many fields and collisions. */
class FieldMapTests {

    @Test
    void behaves_as_an_insertion_ordered_map() {
        Random random = new Random(15);
        for (int round = 0; round < 300; round++) {
            Map<String, String> expected = new LinkedHashMap<>();
            FieldMap<String> actual = new FieldMap<>(random.nextInt(1, 40));
            int fields = random.nextInt(0, 200);
            for (int i = 0; i < fields; i++) {
                // few distinct names so some are put twice; "Aa"/"BB" share a hash code
                String name = switch (random.nextInt(4)) {
                    case 0 -> "Aa".repeat(random.nextInt(1, 4));
                    case 1 -> "BB".repeat(random.nextInt(1, 4));
                    default -> "field" + random.nextInt(120);
                };
                String value = "v" + i;
                assertThat(actual.put(name, value)).isEqualTo(expected.put(name, value));
            }
            assertThat(actual.size()).isEqualTo(expected.size());
            assertThat(new ArrayList<>(actual.entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
            assertThat(actual).isEqualTo(expected);
            for (int i = 0; i < 130; i++) {
                String name = "field" + i;
                assertThat(actual.get(name)).isEqualTo(expected.get(name));
                assertThat(actual.containsKey(name)).isEqualTo(expected.containsKey(name));
            }
            assertThat(actual.get(null)).isNull();
            assertThat(actual.get(42)).isNull();
        }
    }

    @Test
    void maps_sharing_their_batch_names_each_hold_only_their_own_fields() {
        Random random = new Random(16);
        FieldMap.Names names = new FieldMap.Names();
        List<Map<String, String>> expected = new ArrayList<>();
        List<FieldMap<String>> actual = new ArrayList<>();
        java.util.Set<String> numbered = new java.util.HashSet<>(); // the batch's first Names.MOST distinct names: kept
        for (int record = 0; record < 500; record++) {
            Map<String, String> e = new LinkedHashMap<>();
            FieldMap<String> a = new FieldMap<>(names);
            for (int i = random.nextInt(0, 60); i > 0; i--) {
                String name = random.nextInt(10) == 0 ? "rare" + random.nextInt(1000) : "field" + random.nextInt(40);
                String value = random.nextInt(20) == 0 ? null : "v" + record + "-" + i;
                boolean kept = numbered.contains(name) || numbered.size() < FieldMap.Names.MOST;
                if (kept) {
                    numbered.add(name);
                }
                assertThat(a.put(name, value)).isEqualTo(kept ? e.put(name, value) : null);
            }
            expected.add(e);
            actual.add(a);
        }
        for (int record = 0; record < 500; record++) { // read after every record of the batch was read, as ingest does
            Map<String, String> e = expected.get(record);
            FieldMap<String> a = actual.get(record);
            assertThat(new ArrayList<>(a.entrySet())).isEqualTo(new ArrayList<>(e.entrySet()));
            for (int i = 0; i < names.size(); i++) {
                String name = names.name(i);
                assertThat(a.get(name)).isEqualTo(e.get(name));
                assertThat(a.containsKey(name)).as(name).isEqualTo(e.containsKey(name));
            }
            assertThat(a.containsKey("never-given")).isFalse();
        }
    }
}
