package cn.suqian.govshare.demo;

import cn.suqian.govshare.catalogue.CatalogueSheet;
import cn.suqian.govshare.connection.ConnectionTarget;
import cn.suqian.govshare.facility.DataRoom;
import cn.suqian.govshare.facility.MigrationStatus;
import cn.suqian.govshare.facility.PrivateNetwork;
import cn.suqian.govshare.inventory.InformationSystem;
import cn.suqian.govshare.inventory.InformationSystemSheet;
import cn.suqian.govshare.spreadsheet.Column;
import cn.suqian.govshare.spreadsheet.Sheet;
import cn.suqian.govshare.spreadsheet.SheetReader;
import cn.suqian.govshare.spreadsheet.SheetRow;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The demo city's fixture files, read without a database: its size, a realistic mix, and references that
 * hold together. (That they import through the departments' paths is proved by every integration test's
 * start-up.)
 */
class RegistryDemoDataTests {

    static final Sheet INVENTORY = SheetReader.read(RegistryDemoData.fixture(RegistryDemoData.INVENTORY));
    static final Sheet CATALOGUE = SheetReader.read(RegistryDemoData.fixture(RegistryDemoData.CATALOGUE));
    static final List<PrivateNetwork> NETWORKS = RegistryDemoData.read(RegistryDemoData.PRIVATE_NETWORKS, RegistryDemoData.NETWORK_COLUMNS,
            RegistryDemoData::privateNetwork);
    static final List<DataRoom> ROOMS = RegistryDemoData.read(RegistryDemoData.DATA_ROOMS, RegistryDemoData.ROOM_COLUMNS,
            RegistryDemoData::dataRoom);
    static final List<ConnectionTarget> TARGETS = RegistryDemoData.read(RegistryDemoData.CONNECTION_TARGETS,
            RegistryDemoData.TARGET_COLUMNS, RegistryDemoData::connectionTarget);
    static final List<RegistryDemoData.Progress> PROGRESS = RegistryDemoData.read(RegistryDemoData.TASK_PROGRESS,
            RegistryDemoData.PROGRESS_COLUMNS, RegistryDemoData::progress);

    /** The heading of a module's sheet column, by its API field. */
    static <T> String heading(List<Column<T>> columns, String field) {
        return columns.stream().filter(c -> c.field().equals(field)).findFirst().orElseThrow().heading();
    }

    static String system(SheetRow row, String field) {
        return row.get(heading(InformationSystemSheet.COLUMNS, field));
    }

    static String resource(SheetRow row, String field) {
        return row.get(heading(CatalogueSheet.COLUMNS, field));
    }

    @Test
    void the_demo_city_keeps_its_size() {
        assertThat(INVENTORY.rows()).hasSize(340);
        assertThat(CATALOGUE.rows()).hasSize(154);
        assertThat(NETWORKS).hasSize(12);
        assertThat(ROOMS).hasSize(20);
        assertThat(TARGETS).hasSize(121);
        assertThat(PROGRESS).hasSize(15);
    }

    @Test
    void the_inventory_and_the_catalogue_are_spreadsheets_with_the_headings_a_department_uses() {
        assertThat(INVENTORY.headings()).isEqualTo(InformationSystemSheet.COLUMNS.stream().map(Column::heading).toList());
        assertThat(CATALOGUE.headings()).isEqualTo(CatalogueSheet.COLUMNS.stream().map(Column::heading).toList());
    }

    @Test
    void the_city_has_a_realistic_mix_of_states() {
        Set<String> statuses = INVENTORY.rows().stream().map(r -> system(r, "lifecycleStatus")).collect(Collectors.toSet());
        assertThat(statuses).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(InformationSystem.LifecycleStatus.values()).map(InformationSystem.LifecycleStatus::label).toList());
        Set<String> networks = INVENTORY.rows().stream().map(r -> system(r, "network")).collect(Collectors.toSet());
        assertThat(networks).hasSize(InformationSystem.NetworkType.values().length);
        assertThat(ROOMS).extracting(DataRoom::migrationStatus).contains(MigrationStatus.MIGRATED, MigrationStatus.NOT_STARTED);
        assertThat(ROOMS).filteredOn(r -> r.migrationStatus() == MigrationStatus.MIGRATED).hasSize(10);
        assertThat(NETWORKS).filteredOn(n -> n.migrationStatus() == MigrationStatus.EXEMPT)
                .singleElement().satisfies(n -> {
                    assertThat(n.code()).isEqualTo("public-security.net");
                    assertThat(n.classified()).isTrue();
                });
        assertThat(TARGETS).extracting(ConnectionTarget::kind).containsOnly(ConnectionTarget.Kind.values());
        assertThat(TARGETS).extracting(ConnectionTarget::probe).containsOnly(ConnectionTarget.Probe.values());
    }

    @Test
    void every_code_is_unique_and_every_reference_points_at_a_record_of_the_same_organisation() {
        Map<String, String> systemOwner = INVENTORY.rows().stream()
                .collect(Collectors.toMap(r -> system(r, "code"), r -> system(r, "organisationCode")));
        Map<String, String> networkOwner = NETWORKS.stream().collect(Collectors.toMap(PrivateNetwork::code, PrivateNetwork::organisationCode));
        Map<String, String> roomOwner = ROOMS.stream().collect(Collectors.toMap(DataRoom::code, DataRoom::organisationCode));
        assertThat(systemOwner).hasSize(340);

        for (SheetRow r : INVENTORY.rows()) {
            String owner = system(r, "organisationCode");
            if (system(r, "dataRoomCode") != null) {
                assertThat(roomOwner.get(system(r, "dataRoomCode"))).as("room of %s", system(r, "code")).isEqualTo(owner);
            }
            if (system(r, "privateNetworkCode") != null) {
                assertThat(networkOwner.get(system(r, "privateNetworkCode"))).as("network of %s", system(r, "code")).isEqualTo(owner);
            }
        }
        for (SheetRow r : CATALOGUE.rows()) {
            if (resource(r, "sourceSystemCode") != null) {
                assertThat(systemOwner.get(resource(r, "sourceSystemCode"))).as("source of %s", resource(r, "code"))
                        .isEqualTo(resource(r, "providerOrganisationCode"));
            }
        }
        assertThat(CATALOGUE.rows()).extracting(r -> resource(r, "code")).doesNotHaveDuplicates();
        assertThat(TARGETS).extracting(ConnectionTarget::code).doesNotHaveDuplicates();
        assertThat(TARGETS).extracting(ConnectionTarget::systemCode).allSatisfy(code -> assertThat(systemOwner).containsKey(code));
        List<String> aliases = INVENTORY.rows().stream().map(r -> system(r, "exchangeAliases")).filter(a -> a != null)
                .flatMap(a -> Arrays.stream(a.split("；"))).toList();
        assertThat(aliases).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void progress_is_reported_by_organisations_on_the_plans_tasks() {
        assertThat(PROGRESS).extracting(RegistryDemoData.Progress::task).allMatch(t -> t.matches("[TS]\\d+"));
        assertThat(PROGRESS).allSatisfy(p -> assertThat(p.report().note()).isNotBlank());
        assertThat(PROGRESS).filteredOn(p -> p.report().metOn() != null)
                .allSatisfy(p -> assertThat(p.report().milestoneCode()).startsWith(p.task() + "-M"));
        Set<String> reporters = new HashSet<>(PROGRESS.stream().map(RegistryDemoData.Progress::organisation).toList());
        assertThat(reporters).contains("egov", "gov-office", "public-security");
    }

    @Test
    void a_fixture_with_other_headings_or_unreadable_cells_stops_with_every_problem() {
        Function<String, byte[]> bytes = s -> s.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RegistryDemoData.parse(bytes.apply("专网编码,所属单位编码\nx.net,x\n"), "broken.csv",
                RegistryDemoData.NETWORK_COLUMNS, RegistryDemoData::privateNetwork))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::value).contains(tuple("file", "broken.csv")));

        String headings = String.join(",", RegistryDemoData.NETWORK_COLUMNS.stream().map(Column::heading).toList());
        assertThatThrownBy(() -> RegistryDemoData.parse(bytes.apply(headings + "\nx.net,x,专网,,也许,很多,,搬家中,,,,\n"), "broken.csv",
                RegistryDemoData.NETWORK_COLUMNS, RegistryDemoData::privateNetwork))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::row, FieldProblem::field, FieldProblem::value).containsExactly(
                                tuple(2, "classified", "也许"), tuple(2, "utilisationPercent", "很多"), tuple(2, "migrationStatus", "搬家中")));
    }
}
