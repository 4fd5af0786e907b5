package cn.suqian.govshare.report;

import cn.suqian.govshare.connection.NotificationEvent;
import cn.suqian.govshare.connection.Notifications;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.organisation.Organisation;
import cn.suqian.govshare.report.AnnualReportRepository.WindowRow;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reminds organisations that have not submitted, once a day from the window's opening day: a reminder row the
 * app shows, and a message queued through connection status's notification channels that the organisation
 * (or everything) subscribed to for {@code ANNUAL_REPORT_REMINDER}.
 */
@Component
public class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);

    /** Queues one organisation's reminder on its channels; returns the number of deliveries queued. */
    interface Sender {
        int send(DSLContext dsl, Organisation organisation, WindowRow window, boolean overdue, AnnualReport.Status latest);
    }

    private final AnnualReports reports;
    private final Notifications notifications;
    private final Db db;

    Reminders(AnnualReports reports, Notifications notifications, Db db) {
        this.reports = reports;
        this.notifications = notifications;
        this.db = db;
    }

    /** Today's reminders, off the event loop (the office's "send now"). */
    public Mono<Integer> runNow() {
        return Mono.fromCallable(() -> run(reports)).subscribeOn(db.scheduler());
    }

    @Scheduled(cron = "${govshare.annual-report.reminder-cron:0 0 9 * * *}", zone = cn.suqian.govshare.web.CityCalendar.ZONE_ID)
    @SchedulerLock(name = "annual-report-reminders", lockAtMostFor = "PT10M")
    public void scheduled() {
        int n = run(reports);
        if (n > 0) {
            log.info("Annual report: {} reminders sent", n);
        }
    }

    /** Runs today's reminders with the given service (its clock says what today is). */
    public int run(AnnualReports at) {
        return at.remind(this::send);
    }

    int send(DSLContext dsl, Organisation o, WindowRow w, boolean overdue, AnnualReport.Status latest) {
        String title = "【GovShare 年度报告】" + o.name() + "：" + (overdue ? "已逾期，" : "") + "请提交" + w.year() + "年度信息共享工作报告";
        String text = "报告窗口 " + w.opensOn() + " 开放，截止日期 " + w.deadline() + "。"
                + (latest == AnnualReport.Status.RETURNED ? "报告已被退回，请按意见修改后重新提交。" : "")
                + (overdue ? "已超过截止日期，将记为逾期。" : "")
                + "\n填报：/annual-report.html?year=" + w.year() + "&organisation=" + o.code();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("year", w.year());
        data.put("opensOn", w.opensOn().toString());
        data.put("deadline", w.deadline().toString());
        data.put("overdue", overdue);
        data.put("link", "/annual-report.html?year=" + w.year() + "&organisation=" + o.code());
        return notifications.queueMessage(dsl, NotificationEvent.ANNUAL_REPORT_REMINDER, o.code(), title, text, data);
    }
}
