package cn.suqian.govshare.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Remembered Basic sign-ins: bcrypt once per lifetime, never for a refused password, forgotten on change. */
class SignInCacheTests {

    /** bcrypt (cost 4, for speed) that counts its checks. */
    static final class CountingEncoder implements PasswordEncoder {
        final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        final AtomicInteger matches = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            matches.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-30T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final CountingEncoder encoder = new CountingEncoder();
    final TestClock clock = new TestClock();
    final SignInCache cache = new SignInCache(Duration.ofMinutes(5), 100, clock);
    final CachingBasicAuthentication basic = new CachingBasicAuthentication(realCheck(), cache);

    UserDetailsRepositoryReactiveAuthenticationManager realCheck() {
        var users = new MapReactiveUserDetailsService(
                User.withUsername("alice").password(encoder.encode("right-password")).roles("LEADER").build(),
                User.withUsername("bob").password(encoder.encode("bobs-password")).roles("LEADER").build());
        var manager = new UserDetailsRepositoryReactiveAuthenticationManager(users);
        manager.setPasswordEncoder(encoder);
        return manager;
    }

    Authentication signIn(String username, String password) {
        return basic.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password)).block();
    }

    @Test
    void a_second_sign_in_with_the_same_credentials_runs_no_bcrypt() {
        Authentication first = signIn("alice", "right-password");
        Authentication second = signIn("alice", "right-password");

        assertThat(encoder.matches).hasValue(1);
        assertThat(second.getName()).isEqualTo("alice");
        assertThat(second).isSameAs(first);
    }

    @Test
    void a_wrong_password_is_checked_every_time_and_never_remembered() {
        signIn("alice", "right-password");

        assertThatThrownBy(() -> signIn("alice", "wrong-password")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIn("alice", "wrong-password")).isInstanceOf(BadCredentialsException.class);

        assertThat(encoder.matches).hasValue(3);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void invalidating_a_user_forgets_their_sign_ins_at_once_and_only_theirs() {
        signIn("alice", "right-password");
        signIn("bob", "bobs-password");

        cache.invalidate("alice");
        signIn("alice", "right-password");
        signIn("bob", "bobs-password");

        assertThat(encoder.matches).hasValue(3); // alice checked again, bob still remembered
    }

    @Test
    void a_check_that_began_before_an_invalidation_is_not_remembered() {
        String key = cache.key("alice", "right-password");
        long generation = cache.generation("alice");
        Authentication accepted = UsernamePasswordAuthenticationToken.authenticated("alice", null, java.util.List.of());

        cache.invalidate("alice"); // e.g. the password was reset while bcrypt ran
        cache.put(key, "alice", generation, accepted);

        assertThat(cache.get(key)).isNull();
    }

    @Test
    void a_remembered_sign_in_expires_after_its_lifetime() {
        signIn("alice", "right-password");

        clock.now = clock.now.plus(Duration.ofMinutes(5));
        signIn("alice", "right-password");

        assertThat(encoder.matches).hasValue(2);
    }

    @Test
    void keys_are_salted_per_process_and_do_not_contain_the_password() {
        SignInCache other = new SignInCache(Duration.ofMinutes(5), 100, clock);

        String key = cache.key("alice", "right-password");

        assertThat(key).isEqualTo(cache.key("alice", "right-password"))
                .isNotEqualTo(other.key("alice", "right-password"))
                .isNotEqualTo(cache.key("alice", "right-passwore"))
                .doesNotContain("right-password")
                .hasSize(64);
        assertThat(cache.key("alic", "eright-password")).isNotEqualTo(key); // the username ends where it ends
    }

    @Test
    void the_cache_never_grows_beyond_its_bound() {
        SignInCache small = new SignInCache(Duration.ofMinutes(5), 3, clock);
        Authentication accepted = UsernamePasswordAuthenticationToken.authenticated("alice", null, java.util.List.of());

        for (int i = 0; i < 10; i++) {
            small.put(small.key("alice", "password-" + i), "alice", small.generation("alice"), accepted);
            assertThat(small.size()).isLessThanOrEqualTo(3);
        }
    }
}
