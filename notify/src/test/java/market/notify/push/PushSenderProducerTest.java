package market.notify.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.notify.config.NotifyConfig;
import org.junit.jupiter.api.Test;

class PushSenderProducerTest {

    private static NotifyConfig config(Optional<String> file, Optional<String> endpoint) {
        NotifyConfig.Fcm fcm = new NotifyConfig.Fcm() {
            public Optional<String> credentialsFile() {
                return file;
            }

            public Optional<String> credentialsJson() {
                return Optional.empty();
            }

            public Optional<String> endpointOverride() {
                return endpoint;
            }

            public Optional<String> projectId() {
                return Optional.of("p");
            }

            public Duration timeout() {
                return Duration.ofSeconds(5);
            }

            public int concurrency() {
                return 16;
            }
        };
        return new NotifyConfig() {
            public Fcm fcm() {
                return fcm;
            }

            public Relay relay() {
                throw new UnsupportedOperationException();
            }

            public Notices notices() {
                throw new UnsupportedOperationException();
            }

            public Inbox inbox() {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void withoutCredentialsPushesAreOnlyLogged() {
        PushSender sender = new PushSenderProducer().sender(config(Optional.empty(), Optional.empty()), null);
        assertInstanceOf(LoggingPushSender.class, sender);
        assertEquals(
                TokenResult.Outcome.SENT,
                sender.sendToTokens(List.of("t"), new PushMessage("a", "b", Map.of()))
                        .get(0)
                        .outcome());
    }

    @Test
    void anUnreadableCredentialsFileStopsStartUp() {
        assertThrows(
                UncheckedIOException.class,
                () -> new PushSenderProducer()
                        .sender(config(Optional.of("/nonexistent/service-account.json"), Optional.empty()), null));
    }
}
