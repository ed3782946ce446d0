package market.notify.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import market.notify.config.NotifyConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** When the caller's account was created, from the access token (see {@link NotifyConfig.Inbox}). */
@ApplicationScoped
public class AccountCreation {

    /** Below this an epoch value is seconds, above it milliseconds (1e11 s is the year 5138, 1e11 ms 1973). */
    private static final long MILLIS_FROM = 100_000_000_000L;

    private final String claim;
    private final Clock clock;

    public AccountCreation(NotifyConfig config, Clock clock) {
        this.claim = config.inbox().accountCreatedClaim();
        this.clock = clock;
    }

    public Optional<Instant> of(JsonWebToken jwt) {
        Object value = jwt.getClaim(claim);
        Long epoch = null;
        if (value instanceof JsonNumber n) {
            epoch = n.longValue();
        } else if (value instanceof Number n) {
            epoch = n.longValue();
        } else if (value instanceof JsonString s && s.getString().matches("\\d{1,18}")) {
            epoch = Long.parseLong(s.getString());
        } else if (value instanceof String s && s.matches("\\d{1,18}")) {
            epoch = Long.parseLong(s);
        }
        if (epoch == null || epoch <= 0) {
            return Optional.empty();
        }
        Instant created = epoch >= MILLIS_FROM ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch);
        Instant now = clock.instant();
        // An account cannot be younger than the token proves; a clock skewed into the future is clamped.
        return Optional.of(created.isAfter(now) ? now : created);
    }
}
