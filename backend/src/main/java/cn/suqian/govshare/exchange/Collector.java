package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_COLLECTOR_RUN;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_SOURCE;

/**
 * The pull collector, for exchange platforms that cannot push. For each due source it asks
 * {@code GET <url>?cursor=<cursor>} and expects {@code {"records":[interval statistics...], "nextCursor":"…"}}.
 * The page is ingested and the cursor advanced in one transaction (the page is also idempotent by
 * source + cursor), so a restart resumes exactly where it stopped: no gap, no double count. Failures are
 * retried with backoff within a run (3 attempts), then the source backs off exponentially (capped at an
 * hour). Every run is recorded for the e-government office.
 */
@Component
public class Collector {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);
    static final int ATTEMPTS = 3;
    static final int MAX_PAGES_PER_RUN = 50;

    private final Db db;
    private final ExchangeIngest ingest;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile Duration retryPause = Duration.ofSeconds(2);

    Collector(Db db, ExchangeIngest ingest) {
        this.db = db;
        this.ingest = ingest;
    }

    /** Tests shorten the pause between attempts. */
    void retryPause(Duration pause) {
        this.retryPause = pause;
    }

    @Scheduled(fixedDelayString = "${govshare.exchange.collector-poll:PT15S}", initialDelayString = "PT10S")
    @SchedulerLock(name = "exchange-collector", lockAtMostFor = "PT30M")
    public void scheduled() {
        runDue(OffsetDateTime.now());
    }

    /** Runs every enabled source whose next run is due; returns the number of runs. Blocking. */
    public int runDue(OffsetDateTime now) {
        var due = db.inTransaction(Actor.system("exchange-collector"), dsl -> dsl.select(EXCHANGE_SOURCE.CODE).from(EXCHANGE_SOURCE)
                .where(EXCHANGE_SOURCE.ENABLED.isTrue()).and(EXCHANGE_SOURCE.NEXT_RUN_AT.le(now)).fetch(EXCHANGE_SOURCE.CODE));
        for (String code : due) {
            run(code);
        }
        return due.size();
    }

    /** One run of one source: pages until the source has nothing more (or the page limit). */
    public void run(String code) {
        Actor actor = Actor.system("exchange-collector");
        var source = db.inTransaction(actor, dsl -> dsl.selectFrom(EXCHANGE_SOURCE).where(EXCHANGE_SOURCE.CODE.eq(code)).fetchOne());
        if (source == null) {
            return;
        }
        long runId = db.inTransaction(actor, dsl -> dsl.insertInto(EXCHANGE_COLLECTOR_RUN)
                .set(EXCHANGE_COLLECTOR_RUN.SOURCE_CODE, code).set(EXCHANGE_COLLECTOR_RUN.STARTED_AT, OffsetDateTime.now())
                .set(EXCHANGE_COLLECTOR_RUN.STATUS, CollectorRun.Status.RUNNING).set(EXCHANGE_COLLECTOR_RUN.CURSOR_BEFORE, source.getCursor())
                .returningResult(EXCHANGE_COLLECTOR_RUN.ID).fetchOne().value1());
        String cursor = source.getCursor();
        int records = 0;
        int attempts = 0;
        String error = null;
        try {
            for (int page = 0; page < MAX_PAGES_PER_RUN; page++) {
                String url = source.getUrl() + (source.getUrl().contains("?") ? "&" : "?") + "cursor="
                        + URLEncoder.encode(cursor == null ? "" : cursor, StandardCharsets.UTF_8);
                byte[] body = null;
                for (int attempt = 1; attempt <= ATTEMPTS && body == null; attempt++) {
                    attempts++;
                    try {
                        body = fetch(url, source.getAuthHeader());
                    } catch (Exception e) {
                        error = e.getMessage();
                        if (attempt == ATTEMPTS) {
                            throw e;
                        }
                        Thread.sleep(retryPause.multipliedBy((long) Math.pow(2, attempt - 1)).toMillis());
                    }
                }
                JsonNode page0 = BatchBody.JSON.readTree(body);
                String next = page0.path("nextCursor").isMissingNode() || page0.path("nextCursor").isNull()
                        ? cursor : page0.path("nextCursor").asString();
                int count = page0.path("records").size();
                if (count == 0) {
                    cursor = next;
                    String finalCursor = cursor;
                    db.inTransaction(actor, dsl -> dsl.update(EXCHANGE_SOURCE).set(EXCHANGE_SOURCE.CURSOR, finalCursor)
                            .where(EXCHANGE_SOURCE.CODE.eq(code)).execute());
                    break;
                }
                String pageCursor = cursor;
                byte[] pageBody = body;
                db.inTransaction(actor, dsl -> {
                    ingest.ingestStats(dsl, "collector:" + code, "cursor:" + (pageCursor == null ? "" : pageCursor), pageBody, "application/json");
                    dsl.update(EXCHANGE_SOURCE).set(EXCHANGE_SOURCE.CURSOR, next).where(EXCHANGE_SOURCE.CODE.eq(code)).execute();
                    return null;
                });
                records += count;
                if (next == null || next.equals(cursor)) {
                    break;
                }
                cursor = next;
            }
            finish(runId, code, CollectorRun.Status.SUCCEEDED, attempts, records, cursor, null, source.getIntervalSeconds(), 0);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e instanceof cn.suqian.govshare.web.InvalidInputException invalid) {
                message = "rejected page: " + invalid.problems().stream().limit(5).map(Object::toString).toList();
            }
            log.warn("Collector source {} failed after {} attempt(s): {}", code, attempts, message);
            finish(runId, code, CollectorRun.Status.FAILED, attempts, records, cursor, message, source.getIntervalSeconds(), source.getFailures() + 1);
        }
    }

    private byte[] fetch(String url, String authHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET()
                .header("Accept", "application/json");
        if (authHeader != null && !authHeader.isBlank()) {
            request.header("Authorization", authHeader);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + url);
        }
        return response.body();
    }

    private void finish(long runId, String code, CollectorRun.Status status, int attempts, int records, String cursor, String error,
                        int intervalSeconds, int failures) {
        long backoff = failures == 0 ? intervalSeconds : Math.min(3600, intervalSeconds * (1L << Math.min(failures, 12)));
        db.inTransaction(Actor.system("exchange-collector"), dsl -> {
            dsl.update(EXCHANGE_COLLECTOR_RUN).set(EXCHANGE_COLLECTOR_RUN.STATUS, status)
                    .set(EXCHANGE_COLLECTOR_RUN.FINISHED_AT, OffsetDateTime.now()).set(EXCHANGE_COLLECTOR_RUN.ATTEMPTS, attempts)
                    .set(EXCHANGE_COLLECTOR_RUN.RECORDS, records).set(EXCHANGE_COLLECTOR_RUN.CURSOR_AFTER, cursor)
                    .set(EXCHANGE_COLLECTOR_RUN.ERROR, error == null ? null : error.substring(0, Math.min(error.length(), 2000)))
                    .where(EXCHANGE_COLLECTOR_RUN.ID.eq(runId)).execute();
            return dsl.update(EXCHANGE_SOURCE).set(EXCHANGE_SOURCE.FAILURES, failures)
                    .set(EXCHANGE_SOURCE.NEXT_RUN_AT, OffsetDateTime.now().plusSeconds(backoff))
                    .where(EXCHANGE_SOURCE.CODE.eq(code)).execute();
        });
    }
}
