package cn.suqian.govshare.assessment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One methodology version of a year (考核办法): pillars of weighted indicators, each of a {@link IndicatorKind}
 * with its parameters, and the grade bands. Stored as data, imported and exported as YAML; never edited, a
 * change is a new version with a change-log line and an author.
 */
public record Methodology(long id, int year, int version, String name, Definition definition, String changeLog, String author,
                          OffsetDateTime createdAt) {

    /** What is scored and how: pillars in order, grade bands (highest minimum first). */
    public record Definition(List<Pillar> pillars, List<GradeBand> grades) {
    }

    public record Pillar(String code, String name, List<Indicator> indicators) {
    }

    /** An indicator: its kind from the library, its weight (points of 100 when all apply) and the kind's parameters. */
    public record Indicator(String code, String name, IndicatorKind kind, double weight, Map<String, Object> parameters) {

        public String parameter(String name, String otherwise) {
            Object v = parameters == null ? null : parameters.get(name);
            return v == null ? otherwise : v.toString();
        }

        public double number(String name, double otherwise) {
            Object v = parameters == null ? null : parameters.get(name);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            return v == null ? otherwise : Double.parseDouble(v.toString());
        }
    }

    /** A grade: reached when the total is at least {@code min}. */
    public record GradeBand(String label, double min, boolean passing) {
    }

    /** The grade of a total under these bands, or null when there is no total. */
    public static GradeBand grade(Definition definition, Double total) {
        if (total == null) {
            return null;
        }
        return definition.grades().stream().sorted((a, b) -> Double.compare(b.min(), a.min()))
                .filter(g -> total >= g.min()).findFirst().orElse(null);
    }
}
