package cn.suqian.govshare.support;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * X-Road operational-monitoring records (PR-OPMON field names) for tests: {@code aClientRecord()} and
 * {@code aProducerRecord()} are the two sides of one successful REST call from the water bureau's
 * {@code opmon-client} subsystem to the public-security bureau's {@code population} service
 * {@code getPerson} v1; timestamps are milliseconds after {@code at(t0)}. A test changes only what it
 * is about.
 */
public final class OpmonRecords {

    private OpmonRecords() {
    }

    /**
     * Registers the two systems whose exchange aliases these records name (water's {@code opmon-client}, public
     * security's {@code population}), unless a test class before did: the integration tests share one database.
     */
    public static void registerMembers(int port) {
        register(port, "water.opmon-client", "water", "CN/GOV/SQ-WATER/opmon-client");
        register(port, "public-security.opmon-population", "public-security", "CN/GOV/SQ-PS/population");
    }

    private static void register(int port, String code, String organisation, String alias) {
        boolean registered = Api.as(port, "admin").get().uri("/api/v1/systems/" + code).exchange()
                .returnResult(Void.class).getStatus().is2xxSuccessful();
        if (!registered) {
            Api.as(port, "admin").post().uri("/api/v1/systems").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .bodyValue(InformationSystems.aSystem().code(code).organisation(organisation).name("OPMON " + code).aliases(alias).json())
                    .exchange().expectStatus().isCreated();
        }
    }

    public static Builder aClientRecord() {
        return new Builder("Client");
    }

    public static Builder aProducerRecord() {
        return new Builder("Producer");
    }

    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final Set<String> absent = new HashSet<>();
        private long t0 = 1_795_000_000_000L;
        private long requestIn;
        private long requestOut;
        private long responseIn;
        private long responseOut;

        private Builder(String side) {
            fields.put("securityServerType", side);
            fields.put("messageId", "m-1");
            fields.put("clientXRoadInstance", "CN");
            fields.put("clientMemberClass", "GOV");
            fields.put("clientMemberCode", "SQ-WATER");
            fields.put("clientSubsystemCode", "opmon-client");
            fields.put("serviceXRoadInstance", "CN");
            fields.put("serviceMemberClass", "GOV");
            fields.put("serviceMemberCode", "SQ-PS");
            fields.put("serviceSubsystemCode", "population");
            fields.put("serviceCode", "getPerson");
            fields.put("serviceVersion", "v1");
            fields.put("succeeded", true);
        }

        /** The epoch millisecond the timestamps count from; monitoringDataTs is one second later. */
        public Builder at(long epochMilli) { this.t0 = epochMilli; return this; }
        public Builder messageId(String id) { return set("messageId", id); }
        public Builder xRequestId(String id) { return set("xRequestId", id); }
        public Builder service(String code) { return set("serviceCode", code); }
        public Builder clientMember(String code) { return set("clientMemberCode", code); }

        /** requestInTs, requestOutTs, responseInTs, responseOutTs, in ms after t0. */
        public Builder timestamps(long requestIn, long requestOut, long responseIn, long responseOut) {
            this.requestIn = requestIn;
            this.requestOut = requestOut;
            this.responseIn = responseIn;
            this.responseOut = responseOut;
            return this;
        }

        /** Any field by its PR-OPMON name, as text or number; null leaves it out (timestamps too). */
        public Builder set(String field, Object value) {
            if (value == null) {
                absent.add(field);
            } else {
                absent.remove(field);
                fields.put(field, value);
            }
            return this;
        }

        private Map<String, Object> all() {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("monitoringDataTs", t0 / 1000 + 1);
            all.put("requestInTs", t0 + requestIn);
            all.put("requestOutTs", t0 + requestOut);
            all.put("responseInTs", t0 + responseIn);
            all.put("responseOutTs", t0 + responseOut);
            all.putAll(fields);
            all.keySet().removeAll(absent);
            return all;
        }

        /** The fields as text, as the ingest parser sees them. */
        public Map<String, String> fields() {
            Map<String, String> text = new LinkedHashMap<>();
            all().forEach((k, v) -> text.put(k, String.valueOf(v)));
            return text;
        }

        /** One JSON object, as in {"records":[…]} or an NDJSON line. */
        public String json() {
            return Json.write(all());
        }
    }
}
