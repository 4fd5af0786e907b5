package cn.suqian.govshare.system;

import cn.suqian.govshare.db.TimeSeriesStorage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

import java.util.Map;

/** {@code /actuator/info}: which database and time-series mode are active, and whether demo mode is on. */
@Component
class PlatformInfoContributor implements InfoContributor {

    private final TimeSeriesStorage storage;
    private final String databaseMode;
    private final boolean demo;

    PlatformInfoContributor(TimeSeriesStorage storage, @Value("${govshare.database.mode:external}") String databaseMode,
                            @Value("${govshare.demo.enabled:false}") boolean demo) {
        this.storage = storage;
        this.databaseMode = databaseMode;
        this.demo = demo;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("govshare", Map.of(
                "database", databaseMode,
                "timeseries", storage.mode() == TimeSeriesStorage.Mode.TIMESCALEDB ? "timescaledb" : "partitioned",
                "demo", demo));
    }
}
