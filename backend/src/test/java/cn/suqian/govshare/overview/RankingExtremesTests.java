package cn.suqian.govshare.overview;

import cn.suqian.govshare.assessment.Assessments.BoardRow;
import cn.suqian.govshare.assessment.PeerGroup;
import cn.suqian.govshare.assessment.Scoring.PillarScore;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each pillar's leaders and laggards: within the peer group, best and worst first, never both, no score no place. */
class RankingExtremesTests {

    static BoardRow row(String code, PeerGroup group, Double network, Double data) {
        return new BoardRow(code, code, group, null, null, null, null,
                List.of(new PillarScore("network", "网络通", network, 20, 20), new PillarScore("data", "数据通", data, 40, 40)),
                null, null, null, 1);
    }

    static List<String> codes(List<Overview.PillarEntry> entries) {
        return entries.stream().map(Overview.PillarEntry::organisationCode).toList();
    }

    @Test
    void leaders_and_laggards_are_named_per_pillar_and_peer_group() {
        var rows = Arrays.asList(
                row("a", PeerGroup.DEPARTMENT, 90.0, 10.0), row("b", PeerGroup.DEPARTMENT, 80.0, null),
                row("c", PeerGroup.DEPARTMENT, 70.0, 30.0), row("d", PeerGroup.DEPARTMENT, 60.0, 20.0),
                row("e", PeerGroup.DEPARTMENT, 50.0, 40.0), row("r1", PeerGroup.REGION, 99.0, null));
        var out = Overview.extremes(rows, 2);
        var network = out.stream().filter(p -> p.code().equals("network") && p.peerGroup() == PeerGroup.DEPARTMENT).findFirst().orElseThrow();
        assertThat(codes(network.leaders())).containsExactly("a", "b");
        assertThat(codes(network.laggards())).containsExactly("e", "d");
        // b has no data score: left out, never the last
        var data = out.stream().filter(p -> p.code().equals("data") && p.peerGroup() == PeerGroup.DEPARTMENT).findFirst().orElseThrow();
        assertThat(codes(data.leaders())).containsExactly("e", "c");
        assertThat(codes(data.laggards())).containsExactly("a", "d");
        // one region alone: it leads, nobody lags; a pillar nobody in the group scored names nobody
        var regionNetwork = out.stream().filter(p -> p.code().equals("network") && p.peerGroup() == PeerGroup.REGION).findFirst().orElseThrow();
        assertThat(codes(regionNetwork.leaders())).containsExactly("r1");
        assertThat(regionNetwork.laggards()).isEmpty();
        assertThat(out).noneMatch(p -> p.code().equals("data") && p.peerGroup() == PeerGroup.REGION);
    }
}
