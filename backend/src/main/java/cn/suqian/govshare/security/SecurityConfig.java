package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.web.Blocking;
import cn.suqian.govshare.web.ErrorPages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Set;

/**
 * Two filter chains. API ({@code /api/**}, {@code /actuator/**}): HTTP Basic for people, bearer tokens
 * for machines, or the page session (then CSRF applies); refusals are JSON problems. Pages: form login,
 * session, CSRF via the {@code XSRF-TOKEN} cookie, logout. Which role may call which endpoint is stated
 * on each endpoint with {@code @PreAuthorize}; organisation scope is checked through {@link CurrentUser}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
class SecurityConfig {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt by default, with the {id} prefix so the algorithm can be upgraded later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ReactiveAuthenticationManager userAuthenticationManager(AccountService accounts, PasswordEncoder encoder, Blocking blocking) {
        var manager = new UserDetailsRepositoryReactiveAuthenticationManager(accounts);
        manager.setPasswordEncoder(encoder);
        manager.setScheduler(blocking.scheduler()); // bcrypt is CPU-bound: bounded, never on the event loop
        return manager;
    }

    @Bean
    CookieServerCsrfTokenRepository csrfTokenRepository() {
        // Readable by the pages' scripts, which echo it in the X-XSRF-TOKEN header or the _csrf field.
        return CookieServerCsrfTokenRepository.withHttpOnlyFalse();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ReactiveAuthenticationManager userAuthenticationManager,
                                       ApiTokenService tokens, CookieServerCsrfTokenRepository csrfTokens, SignInCache signIns) {
        AuthenticationWebFilter bearer = new AuthenticationWebFilter((ReactiveAuthenticationManager) tokens::authenticate);
        bearer.setServerAuthenticationConverter(exchange -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Mono.empty();
            }
            return Mono.just(ApiTokenAuthentication.unchecked(header.substring(7).trim()));
        });
        bearer.setAuthenticationFailureHandler((webFilterExchange, e) ->
                ProblemResponses.unauthorized(webFilterExchange.getExchange(), e));

        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**", "/actuator/**"))
                .authorizeExchange(ex -> ex
                        // anonymous callers learn the health status only; details, info and metrics are the office's
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/actuator/**").hasRole(Role.EGOV_ADMIN.name())
                        .anyExchange().authenticated())
                .authenticationManager(userAuthenticationManager)
                .httpBasic(basic -> basic
                        // Basic sends the password with every request: remember accepted ones briefly (SignInCache)
                        .authenticationManager(new CachingBasicAuthentication(userAuthenticationManager, signIns))
                        .authenticationEntryPoint(ProblemResponses::unauthorized))
                .addFilterAt(bearer, SecurityWebFiltersOrder.HTTP_BASIC)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(sessionWrites())
                        .accessDeniedHandler(ProblemResponses::forbidden))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(ProblemResponses::unauthorized)
                        .accessDeniedHandler(ProblemResponses::forbidden))
                .build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityWebFilterChain pageSecurity(ServerHttpSecurity http, ReactiveAuthenticationManager userAuthenticationManager,
                                        CookieServerCsrfTokenRepository csrfTokens, ErrorPages errorPages) {
        RedirectServerLogoutSuccessHandler loggedOut = new RedirectServerLogoutSuccessHandler();
        loggedOut.setLogoutSuccessUrl(URI.create("/login?logout"));
        return http
                .authorizeExchange(ex -> ex
                        .pathMatchers("/login", "/css/**", "/js/**", "/i18n/**", "/img/**", "/webjars/**",
                                "/favicon.ico", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        // pages some roles may not see: refused with the error page (403), not an empty shell
                        .pathMatchers("/users", "/users.html", "/tokens", "/tokens.html", "/status", "/status.html").hasRole(Role.EGOV_ADMIN.name())
                        .pathMatchers("/audit", "/audit.html").hasAnyRole(Role.AUDITOR.name(), Role.EGOV_ADMIN.name())
                        .pathMatchers("/import", "/import.html").hasAnyRole(Role.DEPARTMENT.name(), Role.EGOV_ADMIN.name())
                        .pathMatchers("/effectiveness.html").hasAnyRole(Role.AUDITOR.name(), Role.EGOV_ADMIN.name(), Role.LEADER.name(),
                                Role.FINANCE.name())
                        .anyExchange().authenticated())
                .exceptionHandling(ex -> ex.accessDeniedHandler((exchange, denied) -> errorPages.write(exchange, HttpStatus.FORBIDDEN)))
                .formLogin(form -> form
                        .loginPage("/login")
                        .authenticationManager(userAuthenticationManager)
                        .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/")))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(loggedOut))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler()))
                .build();
    }

    /**
     * CSRF protects writes that ride on the session cookie. Explicit credentials (Basic, Bearer) cannot be
     * forged by another site, and a request with no session at all is simply unauthenticated (401).
     */
    private static ServerWebExchangeMatcher sessionWrites() {
        return exchange -> {
            var request = exchange.getRequest();
            boolean explicitCredentials = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            boolean session = request.getCookies().containsKey("SESSION");
            return SAFE.contains(request.getMethod()) || explicitCredentials || !session
                    ? ServerWebExchangeMatcher.MatchResult.notMatch()
                    : ServerWebExchangeMatcher.MatchResult.match();
        };
    }

    /** The CSRF token is lazy; subscribing to it makes every response carry the cookie the pages need. */
    @Bean
    WebFilter csrfCookieFilter() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
        };
    }
}
