package cn.suqian.govshare.web;

/**
 * One precise complaint about input: which field (or {@code row 12 / column 系统名称}), the value given,
 * and why it was refused.
 */
public record FieldProblem(String field, Object value, String reason) {
}
