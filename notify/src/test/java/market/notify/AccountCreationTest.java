package market.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import market.notify.api.AccountCreation;
import market.notify.config.NotifyConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class AccountCreationTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final AccountCreation ACCOUNTS = new AccountCreation(config(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static NotifyConfig config() {
        NotifyConfig.Inbox inbox = new NotifyConfig.Inbox() {
            public String accountCreatedClaim() {
                return "created_at";
            }

            public Duration noticesBeforeFirstContact() {
                return Duration.ZERO;
            }

            public String catchUpEvery() {
                return "5s";
            }
        };
        return new NotifyConfig() {
            public Fcm fcm() {
                throw new UnsupportedOperationException();
            }

            public Relay relay() {
                throw new UnsupportedOperationException();
            }

            public Notices notices() {
                throw new UnsupportedOperationException();
            }

            public Inbox inbox() {
                return inbox;
            }
        };
    }

    private static JsonWebToken token(Map<String, Object> claims) {
        return new JsonWebToken() {
            public String getName() {
                return "u";
            }

            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }

    private static Optional<Instant> of(Object value) {
        return ACCOUNTS.of(token(value == null ? Map.of() : Map.of("created_at", value)));
    }

    @Test
    void readsSecondsAndKeycloaksMillisecondsAsJsonNumbersStringsOrNumbers() {
        Instant created = Instant.parse("2025-03-04T05:06:07Z");
        assertEquals(Optional.of(created), of(created.getEpochSecond()));
        assertEquals(Optional.of(created), of(created.toEpochMilli()));
        assertEquals(Optional.of(created), of(Json.createValue(created.toEpochMilli())));
        assertEquals(Optional.of(created), of(Json.createValue(Long.toString(created.getEpochSecond()))));
        assertEquals(Optional.of(created), of(Long.toString(created.toEpochMilli())));
    }

    @Test
    void aMissingOrUnusableClaimGivesNothingAndTheFutureIsClampedToNow() {
        assertEquals(Optional.empty(), of(null));
        assertEquals(Optional.empty(), of("yesterday"));
        assertEquals(Optional.empty(), of(Json.createValue("2025-03-04")));
        assertEquals(Optional.empty(), of(0L));
        assertEquals(Optional.empty(), of(-5L));
        assertEquals(Optional.empty(), of(true));
        assertEquals(Optional.of(NOW), of(NOW.plus(Duration.ofDays(3)).toEpochMilli()));
    }
}
