package cn.suqian.govshare.benchmark;

import cn.suqian.govshare.assessment.AssessmentBenchmarkAccess;

/**
 * Assessment scoring benchmark (not a test; run by the command in docs/benchmarks.md): a province-scale year —
 * {@code benchmark.organisations} organisations (550) with {@code benchmark.systems} systems (10,000), catalogued
 * resources, traffic, reports and milestones — scored under the default methodology, the facts snapshot
 * written to JSON and read back as a published year's reproduction does, and scored again. Reports the median
 * of {@code benchmark.rounds} rounds (5). The database reads that gather the facts are not part of this figure.
 */
public final class AssessmentScoringBenchmark {

    public static void main(String[] args) {
        int organisations = Integer.getInteger("benchmark.organisations", 550);
        int systems = Integer.getInteger("benchmark.systems", 10_000);
        int rounds = Integer.getInteger("benchmark.rounds", 5);
        AssessmentBenchmarkAccess.run(organisations, systems, rounds);
    }

    private AssessmentScoringBenchmark() {
    }
}
