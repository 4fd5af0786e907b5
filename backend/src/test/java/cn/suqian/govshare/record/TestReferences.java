package cn.suqian.govshare.record;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link References} for rule tests without a database: what the registry would say about organisations,
 * networks, data rooms, systems and exchange aliases, given in the test.
 */
public final class TestReferences {

    private final Map<References.Kind, Map<String, String>> owners = new EnumMap<>(References.Kind.class);

    private TestReferences() {
        for (References.Kind kind : References.Kind.values()) {
            owners.put(kind, new LinkedHashMap<>());
        }
    }

    /** An empty registry. */
    public static TestReferences registry() {
        return new TestReferences();
    }

    public TestReferences organisations(String... codes) {
        for (String code : codes) {
            owners.get(References.Kind.ORGANISATION).put(code, code);
        }
        return this;
    }

    public TestReferences privateNetwork(String code, String organisation) {
        owners.get(References.Kind.PRIVATE_NETWORK).put(code, organisation);
        return this;
    }

    public TestReferences dataRoom(String code, String organisation) {
        owners.get(References.Kind.DATA_ROOM).put(code, organisation);
        return this;
    }

    public TestReferences system(String code, String organisation) {
        owners.get(References.Kind.INFORMATION_SYSTEM).put(code, organisation);
        return this;
    }

    public TestReferences alias(String alias, String systemCode) {
        owners.get(References.Kind.EXCHANGE_ALIAS).put(alias, systemCode);
        return this;
    }

    /** The references as a check sees them (the sources ignore the transaction, so there is none). */
    public References open() {
        List<References.Source> sources = owners.entrySet().stream()
                .map(e -> References.source(e.getKey(), dsl -> Map.copyOf(e.getValue()))).toList();
        return new References.Sources(sources).open(null);
    }
}
