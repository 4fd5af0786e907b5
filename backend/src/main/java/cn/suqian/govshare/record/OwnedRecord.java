package cn.suqian.govshare.record;

import cn.suqian.govshare.web.FieldProblem;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A registry record as the record kit handles it: found by a code that never changes, owned by one
 * organisation, retired instead of deleted, and valid by its own rules and by what it refers to.
 */
public interface OwnedRecord<T extends OwnedRecord<T>> {

    String code();

    /** The organisation that owns the record, as the record gives it (null when it leaves it out). */
    String organisationCode();

    OffsetDateTime retiredAt();

    /** What is compared and stored: text trimmed, defaults filled in, timestamps left out. */
    T normalised();

    /** Problems with the record's own fields, as of {@code today}. */
    List<FieldProblem> check(LocalDate today);

    /** Problems with what the record refers to in the registries (organisations, systems, networks …). */
    List<FieldProblem> checkReferences(References references);

    /** Same stored content (timestamps aside). */
    default boolean sameContentAs(T other) {
        return other != null && normalised().equals(other.normalised());
    }
}
