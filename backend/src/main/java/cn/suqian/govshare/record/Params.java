package cn.suqian.govshare.record;

import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.FieldProblem;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Request-parameter parsing with precise errors. */
public final class Params {

    private Params() {
    }

    public static <E extends Enum<E>> E enumOf(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(FieldProblem.oneOf(parameter, value, Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", "))));
        }
    }
}
