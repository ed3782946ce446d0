package market.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.notify.config.NotifyConfig;
import market.notify.push.FirebasePushSender;
import market.notify.push.PushException;
import market.notify.push.PushMessage;
import market.notify.push.TokenResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FCM sender (HTTP v1 sends, firebase-admin for topics) against the fake FCM, without the service around it. */
class FirebasePushSenderTest {

    private static FakeFcm fake;
    private static Vertx vertx;
    private static FirebasePushSender sender;

    @BeforeAll
    static void start() {
        fake = FakeFcm.start();
        System.setProperty(Fcm.URL_PROP, fake.baseUrl());
        vertx = Vertx.vertx();
        sender = new FirebasePushSender(
                new NotifyConfig.Fcm() {
                    public Optional<String> credentialsFile() {
                        return Optional.empty();
                    }

                    public Optional<String> credentialsJson() {
                        return Optional.empty();
                    }

                    public Optional<String> endpointOverride() {
                        return Optional.of(fake.baseUrl());
                    }

                    public Optional<String> projectId() {
                        return Optional.of(FakeFcm.PROJECT);
                    }

                    public Duration timeout() {
                        return Duration.ofSeconds(5);
                    }

                    public int concurrency() {
                        return 16;
                    }
                },
                vertx);
    }

    @AfterAll
    static void stop() {
        sender.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        fake.stop();
    }

    @Test
    void multicastReportsEachTokenAndClassifiesDeadOnes() {
        String ok = Api.newToken("ok");
        String gone = Api.newToken("gone");
        String bogus = Api.newToken("bogus");
        Fcm.unregister(gone);
        Fcm.invalidate(bogus);
        List<TokenResult> results =
                sender.sendToTokens(List.of(ok, gone, bogus), new PushMessage("제목", "본문", Map.of("k", "v")));
        assertEquals(
                List.of(TokenResult.Outcome.SENT, TokenResult.Outcome.INVALID_TOKEN, TokenResult.Outcome.INVALID_TOKEN),
                results.stream().map(TokenResult::outcome).toList());
        assertEquals(
                "제목",
                Fcm.deliveredTo(ok).get(0).path("notification").path("title").asText());
    }

    @Test
    void topicSendsAndSubscriptionsReachTheFake() {
        String token = Api.newToken("t");
        assertEquals(
                TokenResult.Outcome.SENT,
                sender.subscribe("unit", List.of(token)).get(0).outcome());
        assertTrue(Fcm.topic("unit").contains(token));
        sender.sendToTopic("unit", new PushMessage("a", "b", Map.of("noticeId", "77")));
        assertEquals(1, Fcm.topicMessages("unit", 77).size());
        sender.unsubscribe("unit", List.of(token));
        assertTrue(Fcm.topic("unit").isEmpty());
    }

    @Test
    void anUnavailableFcmIsARetryForTheRelayNotAnErrorOfTheCall() {
        String token = Api.newToken("retry");
        Fcm.failNext(1);
        List<TokenResult> results = sender.sendToTokens(List.of(token), new PushMessage("a", "b", Map.of()));
        assertEquals(TokenResult.Outcome.RETRY, results.get(0).outcome());
        assertEquals(
                TokenResult.Outcome.SENT,
                sender.sendToTokens(List.of(token), new PushMessage("a", "b", Map.of()))
                        .get(0)
                        .outcome());
        assertEquals(
                List.of(503, 200),
                Fcm.toToken(token).stream().map(r -> r.path("status").asInt()).toList());
    }

    @Test
    void anOutageIsATransientFailure() {
        Fcm.failNext(100, 500);
        try {
            PushException e = assertThrows(
                    PushException.class, () -> sender.sendToTopic("unit", new PushMessage("a", "b", Map.of())));
            assertTrue(!e.permanent());
        } finally {
            Fcm.failNext(0);
        }
    }
}
