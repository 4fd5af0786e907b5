package cn.suqian.govshare.db;

import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the code expects of jOOQ beyond its defaults: a row maps onto a Java record by component name
 * ({@code organisation_code} to {@code organisationCode}), not by position, so {@code into(X.class)} keeps
 * working when a table gains a column.
 */
@Configuration(proxyBeanMethods = false)
class JooqSettings {

    @Bean
    DefaultConfigurationCustomizer recordsByComponentName() {
        return configuration -> configuration.settings().setMapRecordComponentParameterNames(true);
    }
}
