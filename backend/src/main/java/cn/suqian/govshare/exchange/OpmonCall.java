package cn.suqian.govshare.exchange;

import java.time.OffsetDateTime;

/**
 * One call as GovShare knows it: its Client and/or Producer record. Durations are derived exactly as
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
    Long cRequestIn;
    Long cRequestOut;
    Long cResponseIn;
    Long cResponseOut;
    Long pRequestIn;
    Long pRequestOut;
    Long pResponseIn;
    Long pResponseOut;
    String clientOrg;
    String clientSystem;
    String providerOrg;
    String providerSystem;
    String resource;
    boolean metaservice;
    boolean succeeded;
    Long requestSize;
    Long responseSize;

    boolean paired() {
        return clientRecord != null && producerRecord != null;
    }

    Long totalMs() {
        return minus(cResponseOut, cRequestIn);
    }

    Long producerMs() {
        return minus(pResponseOut, pRequestIn);
    }

    Long providerIsMs() {
        return minus(pResponseIn, pRequestOut);
    }

    Long requestNetworkMs() {
        return minus(pRequestIn, cRequestOut);
    }

    Long responseNetworkMs() {
        return minus(cResponseIn, pResponseOut);
    }

    static Long minus(Long a, Long b) {
        return a == null || b == null ? null : a - b;
    }

    /** Adds one side's record; the client's view decides start, outcome and sizes when it is present. */
    void attach(OpmonRecord r, String key, ExchangeDirectory.Party client, ExchangeDirectory.Party provider) {
        if (r.side() == OpmonSide.CLIENT) {
            clientRecord = key;
            cRequestIn = r.requestInTs();
            cRequestOut = r.requestOutTs();
            cResponseIn = r.responseInTs();
            cResponseOut = r.responseOutTs();
            startedAt = r.startedAt();
            succeeded = r.succeeded();
            requestSize = r.requestSize();
            responseSize = r.responseSize();
        } else {
            producerRecord = key;
            pRequestIn = r.requestInTs();
            pRequestOut = r.requestOutTs();
            pResponseIn = r.responseInTs();
            pResponseOut = r.responseOutTs();
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
