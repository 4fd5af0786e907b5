package cn.suqian.govshare.record;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What reference checks need to know about other registries, read inside the caller's transaction and
 * loaded on first use: which organisations are active, and who owns which network, data room, system
 * and exchange alias. Each registry module contributes the kinds it owns through a {@link Source}, so
 * no module reads another's tables.
 */
public final class References {

    /** The kinds of record other records refer to. */
    public enum Kind {
        /** Active organisations (code → its own code). */
        ORGANISATION,
        /** Active private networks (code → owning organisation). */
        PRIVATE_NETWORK,
        /** Active data rooms (code → owning organisation). */
        DATA_ROOM,
        /** Active information systems (code → owning organisation). */
        INFORMATION_SYSTEM,
        /** Exchange aliases of active systems (alias → system code). */
        EXCHANGE_ALIAS
    }

    /** Implemented by the module that owns a kind. */
    public interface Source {
        Kind kind();

        /** The active records of this kind: code → owner (see {@link Kind}). */
        Map<String, String> load(DSLContext dsl);
    }

    /** A source from its kind and loader. */
    public static Source source(Kind kind, java.util.function.Function<DSLContext, Map<String, String>> loader) {
        return new Source() {
            @Override
            public Kind kind() {
                return kind;
            }

            @Override
            public Map<String, String> load(DSLContext dsl) {
                return loader.apply(dsl);
            }
        };
    }

    /** Opens {@link References} over every registered source. */
    @Component
    public static final class Sources {
        private final Map<Kind, Source> byKind = new EnumMap<>(Kind.class);

        Sources(List<Source> sources) {
            sources.forEach(s -> byKind.put(s.kind(), s));
        }

        public References open(DSLContext dsl) {
            return new References(dsl, byKind);
        }
    }

    private final DSLContext dsl;
    private final Map<Kind, Source> sources;
    private final Map<Kind, Map<String, String>> loaded = new EnumMap<>(Kind.class);

    private References(DSLContext dsl, Map<Kind, Source> sources) {
        this.dsl = dsl;
        this.sources = sources;
    }

    public Set<String> organisations() {
        return owners(Kind.ORGANISATION).keySet();
    }

    public Map<String, String> networkOwner() {
        return owners(Kind.PRIVATE_NETWORK);
    }

    public Map<String, String> dataRoomOwner() {
        return owners(Kind.DATA_ROOM);
    }

    public Map<String, String> systemOwner() {
        return owners(Kind.INFORMATION_SYSTEM);
    }

    public Map<String, String> aliasHolder() {
        return owners(Kind.EXCHANGE_ALIAS);
    }

    private Map<String, String> owners(Kind kind) {
        return loaded.computeIfAbsent(kind, k -> {
            Source source = sources.get(k);
            if (source == null) {
                throw new IllegalStateException("No module provides references of kind " + k);
            }
            return source.load(dsl);
        });
    }
}
