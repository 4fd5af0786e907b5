package cn.suqian.govshare.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every stylesheet's blocks are closed where they should be. A rule left open (a lost brace, e.g. in a merge) does
 * not fail loudly: the browser reads every later rule as nested inside it, and the pages after it lose their
 * layout — the exchange page's phone rules and the registry forms' styles were lost this way once.
 */
class StylesheetTests {

    @Test
    void every_block_of_every_stylesheet_is_closed() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MessageBundleTests.WEB)) {
            for (Path css : files.filter(p -> p.toString().endsWith(".css")).toList()) {
                problems.addAll(problems(css.getFileName().toString(), Files.readString(css)));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void an_unclosed_rule_is_found() {
        assertThat(problems("t.css", ".a {\n  color: red;\n/* next */\n.b { color: blue; }\n")).hasSize(1);
        assertThat(problems("t.css", "@media (max-width: 640px) {\n  .a { color: red; }\n}\n")).isEmpty();
    }

    /** Blocks still open at the end, each named by the line that opened it. Comments and strings are skipped. */
    static List<String> problems(String name, String css) {
        List<Integer> open = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < css.length(); i++) {
            char c = css.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '/' && i + 1 < css.length() && css.charAt(i + 1) == '*') {
                int end = css.indexOf("*/", i + 2);
                end = end < 0 ? css.length() : end + 1;
                line += (int) css.substring(i, end).chars().filter(ch -> ch == '\n').count();
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = css.indexOf(c, i + 1);
                i = end < 0 ? css.length() : end;
            } else if (c == '{') {
                open.add(line);
            } else if (c == '}') {
                if (open.isEmpty()) {
                    return List.of(name + ": a '}' at line " + line + " closes nothing");
                }
                open.removeLast();
            }
        }
        return open.stream().map(l -> name + ": the block opened at line " + l + " is never closed").toList();
    }
}
