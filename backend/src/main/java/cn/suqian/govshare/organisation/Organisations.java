package cn.suqian.govshare.organisation;

import cn.suqian.govshare.record.References;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The organisations module's published API, for every other capability: who exists, by what name, of
 * what type. Each method runs inside the caller's transaction ({@code Db.tx}); none is called on the
 * event loop.
 */
@Service
public class Organisations implements References.Source {

    private final OrganisationRepository repository;

    Organisations(OrganisationRepository repository) {
        this.repository = repository;
    }

    /** Is there an organisation (active or retired) with this code? */
    public boolean exists(DSLContext dsl, String code) {
        return repository.exists(dsl, code);
    }

    public Optional<Organisation> get(DSLContext dsl, String code) {
        return repository.get(dsl, code);
    }

    /** Active organisations, by code. */
    public List<Organisation> active(DSLContext dsl) {
        return repository.active(dsl);
    }

    /**
     * Active organisations that existed before {@code end}: added to the registry before it, or installed with
     * it (the plan's organisations, which the registry starts with, exist since the plan). One added later did
     * not exist then.
     */
    public List<Organisation> activeExistingBefore(DSLContext dsl, java.time.OffsetDateTime end) {
        return repository.activeCreatedBefore(dsl, end);
    }

    public Map<OrganisationType, Integer> countByType(DSLContext dsl) {
        return repository.countByType(dsl);
    }

    @Override
    public References.Kind kind() {
        return References.Kind.ORGANISATION;
    }

    @Override
    public Map<String, String> load(DSLContext dsl) {
        Map<String, String> codes = new LinkedHashMap<>();
        repository.active(dsl).forEach(o -> codes.put(o.code(), o.code()));
        return codes;
    }
}
