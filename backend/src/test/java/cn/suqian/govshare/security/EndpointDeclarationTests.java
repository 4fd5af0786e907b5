package cn.suqian.govshare.security;

import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every API endpoint states which roles may call it; an endpoint without a declaration fails the build. */
@IntegrationTest
class EndpointDeclarationTests {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Test
    void every_api_endpoint_declares_its_roles() {
        List<String> undeclared = handlerMapping.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getKey().getPatternsCondition().getPatterns().stream()
                        .anyMatch(p -> p.getPatternString().startsWith("/api/")))
                .filter(e -> !e.getValue().hasMethodAnnotation(PreAuthorize.class))
                .map(e -> e.getKey().toString())
                .toList();
        assertThat(handlerMapping.getHandlerMethods()).isNotEmpty();
        assertThat(undeclared).isEmpty();
    }
}
