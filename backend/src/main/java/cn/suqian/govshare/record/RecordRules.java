package cn.suqian.govshare.record;

import cn.suqian.govshare.web.FieldProblem;

import java.util.List;
import java.util.regex.Pattern;

/** Rules every registry record shares: how codes and names look, and how free text is tidied. */
public final class RecordRules {

    /** A record code: lower-case letters, digits, '.', '_' or '-', starting with a letter, 2-64 characters. */
    public static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9._-]{1,63}$");

    private RecordRules() {
    }

    /** Blank text is no text; other text loses surrounding white space. */
    public static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public static void name(List<FieldProblem> p, String name) {
        if (name == null) {
            p.add(FieldProblem.required("name"));
        } else if (name.length() > 200) {
            p.add(FieldProblem.maxLength("name", name, 200));
        }
    }

    public static List<FieldProblem> organisationKnown(String organisationCode, References references) {
        if (organisationCode == null) {
            return List.of(FieldProblem.required("organisationCode"));
        }
        return references.organisations().contains(organisationCode) ? List.of()
                : List.of(FieldProblem.unknownOrganisation("organisationCode", organisationCode));
    }
}
