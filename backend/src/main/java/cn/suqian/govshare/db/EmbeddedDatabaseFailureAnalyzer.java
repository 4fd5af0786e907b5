package cn.suqian.govshare.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second start against a data directory another running instance uses: what happened and what to do,
 * in one line each, instead of a stack trace about {@code epg-lock}.
 */
class EmbeddedDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDataDirectory.InUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDataDirectory.InUseException cause) {
        return new FailureAnalysis(
                "Another GovShare is running on the embedded database directory " + cause.dataDir() + ".",
                "Stop the other instance, or give this one its own directory (GOVSHARE_DATA_DIR=/path) "
                        + "or a throw-away database (GOVSHARE_EPHEMERAL=true).",
                cause);
    }
}
