package cn.suqian.govshare.security;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Successful HTTP Basic sign-ins, remembered for a short time: a client that sends Basic credentials with
 * every request pays one bcrypt check (tens of milliseconds of CPU) per {@code ttl}, not per request. Keyed
 * by SHA-256 of a per-process random salt, the username and the password, so neither the password nor a
 * reusable hash of it is kept. A user's entries are forgotten the moment their password changes or their
 * account is disabled ({@link AccountService} calls {@link #invalidate}); the map is bounded. Per replica: a
 * change made on another replica reaches this one's cache only when its entries expire.
 */
@Component
class SignInCache {

    private record Entry(String username, Authentication authentication, Instant expires) {
    }

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final byte[] salt = new byte[32];
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped per user on every invalidation, so a check that began before it is not cached after it. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();

    @Autowired
    SignInCache(@Value("${govshare.security.basic-cache.ttl:PT5M}") Duration ttl,
                @Value("${govshare.security.basic-cache.max-entries:10000}") int maxEntries) {
        this(ttl, maxEntries, Clock.systemUTC());
    }

    SignInCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
    }

    /** The cache key for these credentials. */
    String key(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Read before a check starts; hand it to {@link #put} when the check has succeeded. */
    long generation(String username) {
        return generations.getOrDefault(username, 0L);
    }

    /** The remembered sign-in for this key, or null. */
    Authentication get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!clock.instant().isBefore(e.expires())) {
            entries.remove(key, e);
            return null;
        }
        return e.authentication();
    }

    /** Remembers a successful check, unless the user's account changed while it ran. */
    void put(String key, String username, long generation, Authentication authentication) {
        if (generation(username) != generation || ttl.isZero() || maxEntries <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            Instant now = clock.instant();
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
            if (entries.size() >= maxEntries) {
                entries.clear(); // a flood of distinct credentials: start over rather than grow
            }
        }
        Entry entry = new Entry(username, authentication, clock.instant().plus(ttl));
        entries.put(key, entry);
        if (generation(username) != generation) {
            entries.remove(key, entry); // invalidated between the check above and the put
        }
    }

    /** Forgets every remembered sign-in of this user (password changed, account disabled or enabled). */
    void invalidate(String username) {
        generations.merge(username, 1L, Long::sum);
        entries.values().removeIf(e -> e.username().equals(username));
    }

    int size() {
        return entries.size();
    }
}
