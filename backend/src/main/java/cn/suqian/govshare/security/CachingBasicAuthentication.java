package cn.suqian.govshare.security;

import cn.suqian.govshare.web.Blocking;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

import java.util.concurrent.RejectedExecutionException;

/**
 * HTTP Basic sign-in through {@link SignInCache}: credentials seen and accepted within the cache's lifetime
 * are accepted again without the database lookup and the bcrypt check; anything else goes to the real check
 * and, when it succeeds, is remembered.
 */
final class CachingBasicAuthentication implements ReactiveAuthenticationManager {

    private final ReactiveAuthenticationManager delegate;
    private final SignInCache cache;

    CachingBasicAuthentication(ReactiveAuthenticationManager delegate, SignInCache cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication request) {
        if (!(request instanceof UsernamePasswordAuthenticationToken) || request.getCredentials() == null) {
            return delegate.authenticate(request);
        }
        String username = request.getName();
        String password = request.getCredentials().toString();
        return Mono.defer(() -> {
            String key = cache.key(username, password);
            Authentication known = cache.get(key);
            if (known != null) {
                return Mono.just(known);
            }
            long generation = cache.generation(username);
            return delegate.authenticate(request).doOnNext(accepted -> cache.put(key, username, generation, accepted));
        }).onErrorMap(RejectedExecutionException.class, Blocking::busy); // the password-check queue is full
    }
}
