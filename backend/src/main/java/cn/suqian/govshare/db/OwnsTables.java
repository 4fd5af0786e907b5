package cn.suqian.govshare.db;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declared on a module's {@code package-info}: the tables this module owns. Only the owner reads or
 * writes them through jOOQ; other modules go through the owner's published API. Checked by
 * {@code ModularityTests}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface OwnsTables {
    String[] value();
}
