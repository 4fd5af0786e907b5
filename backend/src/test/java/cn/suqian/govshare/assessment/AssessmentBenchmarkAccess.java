package cn.suqian.govshare.assessment;

import cn.suqian.govshare.assessment.OrganisationFacts.Availability;
import cn.suqian.govshare.assessment.OrganisationFacts.ManualFact;
import cn.suqian.govshare.assessment.OrganisationFacts.MilestoneFact;
import cn.suqian.govshare.assessment.OrganisationFacts.Report;
import cn.suqian.govshare.assessment.OrganisationFacts.ResourceFact;
import cn.suqian.govshare.assessment.OrganisationFacts.SystemFact;
import cn.suqian.govshare.assessment.OrganisationFacts.Traffic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Synthetic facts for the scoring benchmark (test sources: reaches the module's package-private scoring). */
public final class AssessmentBenchmarkAccess {

    private AssessmentBenchmarkAccess() {
    }

    public static void run(int organisations, int systems, int rounds) {
        Random random = new Random(42);
        List<OrganisationFacts> facts = new ArrayList<>();
        String[] states = {"CONNECTED", "CONNECTED", "CONNECTED", "NOT_CONNECTED", "NOT_REGISTERED", "NO_DATA"};
        for (int o = 0; o < organisations; o++) {
            List<SystemFact> sys = new ArrayList<>();
            for (int s = o; s < systems; s += organisations) {
                sys.add(new SystemFact("o" + o + ".s" + s, "系统" + s, random.nextInt(10) < 8, random.nextInt(10) < 6, random.nextBoolean(),
                        states[random.nextInt(states.length)], random.nextInt(4), random.nextBoolean(), random.nextInt(20) == 0));
            }
            List<ResourceFact> resources = new ArrayList<>();
            for (int r = 0; r < 30; r++) {
                resources.add(new ResourceFact("o" + o + ".r" + r, "资源" + r, random.nextInt(10) < 7));
            }
            facts.add(new OrganisationFacts("o" + o, "单位" + o, o % 3 == 0 ? PeerGroup.REGION : PeerGroup.DEPARTMENT, sys, resources,
                    new Availability(0.9 + random.nextDouble() / 10, 3_000_000, 100_000, random.nextInt(5)),
                    new Traffic(random.nextInt(1_000_000), random.nextInt(1000), random.nextInt(10_000_000)),
                    new Traffic(random.nextInt(1_000_000), random.nextInt(1000), random.nextInt(10_000_000)),
                    new Report(new String[]{"ON_TIME", "LATE", "MISSING"}[random.nextInt(3)], LocalDate.of(2026, 1, 10), List.of("systems.total")),
                    List.of(new MilestoneFact("T5", "T5.1", "m", LocalDate.of(2025, 6, 30), LocalDate.of(2025, 6, 1))),
                    Map.of("onlineServices", new ManualFact(random.nextInt(100), "e", "r", "admin"))));
        }
        var doc = MethodologyService.parse(MethodologyService.defaultYaml());
        var definition = new Methodology.Definition(doc.pillars(), doc.grades());
        var shared = new OrganisationFacts.Shared(2025, true, true);
        long[] score = new long[rounds];
        long[] reproduce = new long[rounds];
        int bytes = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            var scores = Scoring.score(definition, shared, facts);
            long t1 = System.nanoTime();
            String json = AssessmentRepository.JSON.writeValueAsString(new AssessmentFacts.Snapshot(shared, facts));
            var back = AssessmentRepository.JSON.readValue(json, AssessmentFacts.Snapshot.class);
            var again = Scoring.score(definition, back.shared(), back.organisations());
            long t2 = System.nanoTime();
            if (!Assessments.sameNumbers(scores, again)) {
                throw new IllegalStateException("the snapshot did not reproduce the same numbers");
            }
            bytes = json.length();
            score[i] = (t1 - t0) / 1_000_000;
            reproduce[i] = (t2 - t1) / 1_000_000;
        }
        Arrays.sort(score);
        Arrays.sort(reproduce);
        System.out.printf("assessment scoring: %d organisations, %d systems: score median %d ms; snapshot to JSON (%d kB) and back, "
                        + "re-scored and compared: median %d ms; identical numbers: yes%n",
                organisations, systems, score[rounds / 2], bytes / 1024, reproduce[rounds / 2]);
    }
}
