package cn.suqian.govshare.scheduling;

import cn.suqian.govshare.db.TimeSeriesStorage;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;

/**
 * Plain-PostgreSQL upkeep of time-series tables: partitions made ahead, old ones dropped by retention.
 * Runs at start-up too, before any job writes, so a service that was down for days finds its partitions.
 */
@Component
class TimeSeriesMaintenanceJob {

    private final TimeSeriesStorage storage;

    TimeSeriesMaintenanceJob(TimeSeriesStorage storage) {
        this.storage = storage;
    }

    @EventListener(ApplicationStartedEvent.class)
    void atStartup() {
        storage.mode();
        storage.maintain(OffsetDateTime.now());
    }

    @Scheduled(cron = "${govshare.scheduling.maintenance-cron:0 7 * * * *}")
    @SchedulerLock(name = "timeseries-maintenance", lockAtMostFor = "PT30M")
    public void hourly() {
        storage.maintain(OffsetDateTime.now());
    }
}
