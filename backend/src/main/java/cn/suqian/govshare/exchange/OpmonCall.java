package cn.suqian.govshare.exchange;

import java.time.OffsetDateTime;

/**
 * One call as GovShare knows it: its Client and/or Producer record, one row of {@code opmon_call} (the fields
 * are named after its columns). Durations are derived exactly as
 * DOMAIN.md defines them (milliseconds; null when an operand is missing):
 * total = client.responseOut − client.requestIn; producer view = producer.responseOut − producer.requestIn;
 * provider information-system time = producer.responseIn − producer.requestOut;
 * request network = producer.requestIn − client.requestOut; response network = client.responseIn − producer.responseOut.
 */
final class OpmonCall {

    Long id;
    String messageId;
    String xRequestId;
    OffsetDateTime startedAt;
    String clientRecord;
    String producerRecord;
    Long clientRequestInTs;
    Long clientRequestOutTs;
    Long clientResponseInTs;
    Long clientResponseOutTs;
    Long producerRequestInTs;
    Long producerRequestOutTs;
    Long producerResponseInTs;
    Long producerResponseOutTs;
    String clientOrg;
    String clientSystem;
    String providerOrg;
    String providerSystem;
    String resource;
    boolean metaservice;
    boolean succeeded;
    Long requestSize;
    Long responseSize;

    /** The columns a stored call is read from, in the order {@link #of} takes them. */
    static final java.util.List<org.jooq.Field<?>> COLUMNS;

    static {
        var c = cn.suqian.govshare.db.schema.Tables.OPMON_CALL;
        COLUMNS = java.util.List.of(c.ID, c.MESSAGE_ID, c.X_REQUEST_ID, c.STARTED_AT, c.CLIENT_RECORD, c.PRODUCER_RECORD,
                c.CLIENT_REQUEST_IN_TS, c.CLIENT_REQUEST_OUT_TS, c.CLIENT_RESPONSE_IN_TS, c.CLIENT_RESPONSE_OUT_TS,
                c.PRODUCER_REQUEST_IN_TS, c.PRODUCER_REQUEST_OUT_TS, c.PRODUCER_RESPONSE_IN_TS, c.PRODUCER_RESPONSE_OUT_TS,
                c.CLIENT_ORG, c.CLIENT_SYSTEM, c.PROVIDER_ORG, c.PROVIDER_SYSTEM, c.RESOURCE, c.METASERVICE, c.SUCCEEDED,
                c.REQUEST_SIZE, c.RESPONSE_SIZE);
    }

    /**
     * A stored call from a row of {@link #COLUMNS}, by position (this is read for every open call a batch may pair
     * with, under the pairing lock).
     */
    static OpmonCall of(org.jooq.Record r) {
        OpmonCall c = new OpmonCall();
        c.id = (Long) r.get(0);
        c.messageId = (String) r.get(1);
        c.xRequestId = (String) r.get(2);
        c.startedAt = (OffsetDateTime) r.get(3);
        c.clientRecord = (String) r.get(4);
        c.producerRecord = (String) r.get(5);
        c.clientRequestInTs = (Long) r.get(6);
        c.clientRequestOutTs = (Long) r.get(7);
        c.clientResponseInTs = (Long) r.get(8);
        c.clientResponseOutTs = (Long) r.get(9);
        c.producerRequestInTs = (Long) r.get(10);
        c.producerRequestOutTs = (Long) r.get(11);
        c.producerResponseInTs = (Long) r.get(12);
        c.producerResponseOutTs = (Long) r.get(13);
        c.clientOrg = (String) r.get(14);
        c.clientSystem = (String) r.get(15);
        c.providerOrg = (String) r.get(16);
        c.providerSystem = (String) r.get(17);
        c.resource = (String) r.get(18);
        c.metaservice = (Boolean) r.get(19);
        c.succeeded = (Boolean) r.get(20);
        c.requestSize = (Long) r.get(21);
        c.responseSize = (Long) r.get(22);
        return c;
    }

    boolean paired() {
        return clientRecord != null && producerRecord != null;
    }

    Long totalMs() {
        return minus(clientResponseOutTs, clientRequestInTs);
    }

    Long producerMs() {
        return minus(producerResponseOutTs, producerRequestInTs);
    }

    Long providerIsMs() {
        return minus(producerResponseInTs, producerRequestOutTs);
    }

    Long requestNetworkMs() {
        return minus(producerRequestInTs, clientRequestOutTs);
    }

    Long responseNetworkMs() {
        return minus(clientResponseInTs, producerResponseOutTs);
    }

    static Long minus(Long a, Long b) {
        return a == null || b == null ? null : a - b;
    }

    /** Adds one side's record; the client's view decides start, outcome and sizes when it is present. */
    void attach(OpmonRecord r, String key, ExchangeDirectory.Party client, ExchangeDirectory.Party provider) {
        if (r.side() == OpmonSide.CLIENT) {
            clientRecord = key;
            clientRequestInTs = r.requestInTs();
            clientRequestOutTs = r.requestOutTs();
            clientResponseInTs = r.responseInTs();
            clientResponseOutTs = r.responseOutTs();
            startedAt = r.startedAt();
            succeeded = r.succeeded();
            requestSize = r.requestSize();
            responseSize = r.responseSize();
        } else {
            producerRecord = key;
            producerRequestInTs = r.requestInTs();
            producerRequestOutTs = r.requestOutTs();
            producerResponseInTs = r.responseInTs();
            producerResponseOutTs = r.responseOutTs();
            if (clientRecord == null) {
                startedAt = r.startedAt();
                succeeded = r.succeeded();
                requestSize = r.requestSize();
                responseSize = r.responseSize();
            }
        }
        if (messageId == null) {
            messageId = r.messageId();
        }
        if (xRequestId == null) {
            xRequestId = r.xRequestId();
        }
        clientOrg = client.organisation();
        clientSystem = client.system();
        providerOrg = provider.organisation();
        providerSystem = provider.system();
        resource = r.resource();
        metaservice = r.metaservice();
    }

    /** Can this record be the missing side of this call? */
    boolean accepts(OpmonRecord r, long windowMs) {
        boolean sideFree = r.side() == OpmonSide.CLIENT ? clientRecord == null : producerRecord == null;
        boolean sameRequest = xRequestId == null || r.xRequestId() == null || xRequestId.equals(r.xRequestId());
        return sideFree && sameRequest && messageId.equals(r.messageId())
                && Math.abs(java.time.Duration.between(startedAt, r.startedAt()).toMillis()) <= windowMs;
    }
}
