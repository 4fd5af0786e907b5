package cn.suqian.govshare.web;

/** Validated paging parameters: page from 0, size 1..{@value #MAX_SIZE}. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 1000;

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw new InvalidInputException(FieldProblem.of("page", p, ProblemCode.AT_LEAST, 0));
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidInputException(FieldProblem.between("size", s, 1, MAX_SIZE));
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }
}
