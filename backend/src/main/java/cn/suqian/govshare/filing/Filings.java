package cn.suqian.govshare.filing;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/** The filing module's published API for other capabilities (eligibility, assessment). Each method runs inside the caller's transaction. */
@Service
public class Filings {

    private final FilingRepository repository;

    Filings(FilingRepository repository) {
        this.repository = repository;
    }

    /** Every filing of a budget year, with its attachments and what it still lacks ({@link Filing#missing()}). */
    public List<Filing> ofYear(DSLContext dsl, int year) {
        return repository.find(dsl, new FilingRepository.Filter(year, null, null, null, null));
    }

    /** The office's filing window of a budget year, if it set one (the assessment's "filed complete and on time" indicator). */
    public Optional<Filing.Window> window(DSLContext dsl, int budgetYear) {
        return repository.window(dsl, budgetYear);
    }

    /** The filings of budget years from {@code fromYear} on naming any of these systems (null: every filing), their ids by year. */
    public java.util.Map<Integer, List<Long>> naming(DSLContext dsl, java.util.Collection<String> systemCodes, int fromYear) {
        return repository.naming(dsl, systemCodes, fromYear);
    }

    /** The filings of an organisation of budget years from {@code fromYear} on, their ids by year. */
    public java.util.Map<Integer, List<Long>> ofOrganisation(DSLContext dsl, String organisationCode, int fromYear) {
        return repository.ofOrganisation(dsl, organisationCode, fromYear);
    }

    public Optional<Filing> get(DSLContext dsl, long id) {
        return repository.get(dsl, id);
    }
}
