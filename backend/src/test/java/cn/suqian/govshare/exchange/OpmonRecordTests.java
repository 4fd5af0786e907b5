package cn.suqian.govshare.exchange;

import cn.suqian.govshare.support.OpmonRecords;
import cn.suqian.govshare.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static cn.suqian.govshare.support.OpmonRecords.aClientRecord;
import static cn.suqian.govshare.support.OpmonRecords.aProducerRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Reading one X-Road op-monitoring record: leniently where the protocol's versions differ, strictly about what counts. */
class OpmonRecordTests {

    static final long T0 = 1_795_000_000_000L;

    final List<FieldProblem> problems = new ArrayList<>();

    OpmonRecord parse(OpmonRecords.Builder record) {
        return OpmonRecord.parse(record.at(T0).fields(), 7, problems);
    }

    @Test
    void a_client_record_names_both_members_the_resource_and_when_the_call_started() {
        OpmonRecord r = parse(aClientRecord().messageId("m-1").xRequestId("x-1").timestamps(0, 10, 190, 200));

        assertThat(problems).isEmpty();
        assertThat(r.side()).isEqualTo(OpmonSide.CLIENT);
        assertThat(r.messageId()).isEqualTo("m-1");
        assertThat(r.xRequestId()).isEqualTo("x-1");
        assertThat(r.clientId()).isEqualTo("CN/GOV/SQ-WATER/opmon-client");
        assertThat(r.serviceId()).isEqualTo("CN/GOV/SQ-PS/population");
        assertThat(r.resource()).isEqualTo("getPerson.v1");
        assertThat(r.startedAt()).isEqualTo(OffsetDateTime.ofInstant(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
        assertThat(r.monitoringTs().toEpochSecond()).isEqualTo(T0 / 1000 + 1);
        assertThat(r.requestInTs()).isEqualTo(T0);
        assertThat(r.responseOutTs()).isEqualTo(T0 + 200);
        assertThat(r.succeeded()).isTrue();
        assertThat(r.metaservice()).isFalse();
    }

    @Test
    void members_without_a_subsystem_and_services_without_a_version() {
        OpmonRecord r = parse(aClientRecord().set("clientSubsystemCode", null).set("serviceSubsystemCode", null)
                .set("serviceVersion", null));

        assertThat(r.clientId()).isEqualTo("CN/GOV/SQ-WATER");
        assertThat(r.serviceId()).isEqualTo("CN/GOV/SQ-PS");
        assertThat(r.resource()).isEqualTo("getPerson");
    }

    @Test
    void the_side_and_the_outcome_may_come_in_any_letter_case() {
        assertThat(parse(aProducerRecord().set("securityServerType", "PRODUCER").set("succeeded", "FALSE")))
                .satisfies(r -> {
                    assertThat(r.side()).isEqualTo(OpmonSide.PRODUCER);
                    assertThat(r.succeeded()).isFalse();
                });
        assertThat(parse(aClientRecord().set("securityServerType", "client").set("serviceType", "rest")).serviceType()).isEqualTo("REST");
        assertThat(problems).isEmpty();
    }

    @Test
    void without_a_request_time_the_call_starts_when_it_was_monitored() {
        OpmonRecord r = parse(aClientRecord().set("requestInTs", null));

        assertThat(r.startedAt().toEpochSecond()).isEqualTo(T0 / 1000 + 1);
    }

    @Test
    void the_size_is_the_plain_size_without_attachments_and_the_mime_size_with_them() {
        OpmonRecord plain = parse(aClientRecord().set("requestSize", 1000).set("requestAttachmentCount", 0).set("requestMimeSize", 9999)
                .set("responseSize", 5000));
        assertThat(plain.requestSize()).isEqualTo(1000);
        assertThat(plain.responseSize()).isEqualTo(5000);

        OpmonRecord attached = parse(aClientRecord().set("responseSize", 900).set("responseAttachmentCount", 2).set("responseMimeSize", 4200));
        assertThat(attached.responseSize()).isEqualTo(4200);
        assertThat(attached.requestSize()).isNull();
    }

    @Test
    void older_servers_soap_and_rest_sizes_stand_in_for_the_size() {
        assertThat(parse(aClientRecord().set("requestSoapSize", 300)).requestSize()).isEqualTo(300);
        assertThat(parse(aClientRecord().set("responseRestSize", 700)).responseSize()).isEqualTo(700);
        assertThat(parse(aClientRecord().set("requestSize", 100).set("requestSoapSize", 300)).requestSize()).isEqualTo(100);
        assertThat(problems).isEmpty();
    }

    @Test
    void decimal_numbers_are_read_as_whole_numbers() {
        assertThat(parse(aClientRecord().set("requestSize", "1000.0")).requestSize()).isEqualTo(1000);
        assertThat(problems).isEmpty();
    }

    @Test
    void monitoring_traffic_is_recognised_in_any_letter_case() {
        assertThat(parse(aClientRecord().service("getSecurityServerHealthData")).metaservice()).isTrue();
        assertThat(parse(aClientRecord().service("GETWSDL")).metaservice()).isTrue();
        assertThat(parse(aClientRecord().service("getOpenAPI")).metaservice()).isTrue();
        assertThat(parse(aClientRecord().service("getPerson")).metaservice()).isFalse();
    }

    @Test
    void every_missing_required_field_is_named_on_the_records_line() {
        OpmonRecord r = OpmonRecord.parse(java.util.Map.of(), 7, problems);

        assertThat(r).isNull();
        assertThat(problems).extracting(FieldProblem::field).containsExactlyInAnyOrder("monitoringDataTs", "securityServerType",
                "messageId", "clientXRoadInstance", "clientMemberClass", "clientMemberCode", "serviceXRoadInstance",
                "serviceMemberClass", "serviceMemberCode", "serviceCode", "succeeded");
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.row()).isEqualTo(7);
            assertThat(p.code().code()).isEqualTo("required");
        });
    }

    @Test
    void values_outside_the_protocol_are_refused_with_the_value_given() {
        OpmonRecord r = parse(aClientRecord().set("securityServerType", "Middleman").set("succeeded", "maybe").set("serviceType", "SOAP")
                .set("requestSize", -5).set("statusCode", "ok"));

        assertThat(r).isNull();
        assertThat(problems).extracting(FieldProblem::field, FieldProblem::value).containsExactlyInAnyOrder(
                tuple("securityServerType", "Middleman"), tuple("succeeded", "maybe"), tuple("serviceType", "SOAP"),
                tuple("requestSize", "-5"), tuple("statusCode", "ok"));
        assertThat(problems).filteredOn(p -> p.field().equals("requestSize")).extracting(p -> p.code().code()).containsExactly("between");
        assertThat(problems).filteredOn(p -> p.field().equals("statusCode")).extracting(p -> p.code().code()).containsExactly("wholeNumber");
    }

    @Test
    void identifiers_are_at_most_255_characters() {
        OpmonRecord r = parse(aClientRecord().messageId("m".repeat(256)));

        assertThat(r).isNull();
        assertThat(problems).extracting(FieldProblem::field, (FieldProblem fp) -> fp.code().code()).containsExactly(tuple("messageId", "maxLength"));
        assertThat(parse(aClientRecord().messageId("m".repeat(255))).messageId()).hasSize(255);
    }

    @Test
    void the_same_record_has_the_same_identity_and_the_other_side_another() {
        OpmonRecord client = parse(aClientRecord().timestamps(0, 10, 190, 200));

        assertThat(client.dedupeKey()).hasSize(40).isEqualTo(parse(aClientRecord().timestamps(0, 10, 190, 200)).dedupeKey());
        assertThat(client.dedupeKey()).isNotEqualTo(parse(aProducerRecord().timestamps(0, 10, 190, 200)).dedupeKey());
        assertThat(client.dedupeKey()).isNotEqualTo(parse(aClientRecord().messageId("m-2").timestamps(0, 10, 190, 200)).dedupeKey());
        assertThat(client.dedupeKey()).isNotEqualTo(parse(aClientRecord().timestamps(1, 10, 190, 200)).dedupeKey());
    }
}
