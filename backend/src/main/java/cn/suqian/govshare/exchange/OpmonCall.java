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

    /** A stored call (field by field: this is read for every open call a batch may pair with, under the pairing lock). */
    static OpmonCall of(cn.suqian.govshare.db.schema.tables.records.OpmonCallRecord r) {
        OpmonCall c = new OpmonCall();
        c.id = r.getId();
        c.messageId = r.getMessageId();
        c.xRequestId = r.getXRequestId();
        c.startedAt = r.getStartedAt();
        c.clientRecord = r.getClientRecord();
        c.producerRecord = r.getProducerRecord();
        c.clientRequestInTs = r.getClientRequestInTs();
        c.clientRequestOutTs = r.getClientRequestOutTs();
        c.clientResponseInTs = r.getClientResponseInTs();
        c.clientResponseOutTs = r.getClientResponseOutTs();
        c.producerRequestInTs = r.getProducerRequestInTs();
        c.producerRequestOutTs = r.getProducerRequestOutTs();
        c.producerResponseInTs = r.getProducerResponseInTs();
        c.producerResponseOutTs = r.getProducerResponseOutTs();
        c.clientOrg = r.getClientOrg();
        c.clientSystem = r.getClientSystem();
        c.providerOrg = r.getProviderOrg();
        c.providerSystem = r.getProviderSystem();
        c.resource = r.getResource();
        c.metaservice = r.getMetaservice();
        c.succeeded = r.getSucceeded();
        c.requestSize = r.getRequestSize();
        c.responseSize = r.getResponseSize();
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
