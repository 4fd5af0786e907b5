package cn.suqian.govshare.connection;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;

/**
 * The probes: the JDK's trust store, plus an optional extra one for a city's own certificate authority
 * ({@code govshare.connection.trust-store}, PKCS#12, with {@code trust-store-password}).
 */
@Configuration(proxyBeanMethods = false)
class ConnectionConfig {

    @Bean
    ConnectionProbes connectionProbes(@Value("${govshare.connection.trust-store:}") String trustStore,
                                      @Value("${govshare.connection.trust-store-password:}") String password) throws Exception {
        KeyStore extra = null;
        if (!trustStore.isBlank()) {
            extra = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
                extra.load(in, password.toCharArray());
            }
        }
        return new ConnectionProbes(extra, Clock.systemUTC());
    }
}
