package market.notify.push;

import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.ErrorCode;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.ThreadManager;
import com.google.firebase.internal.ApacheHttp2Transport;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.MulticastMessage;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.SendResponse;
import com.google.firebase.messaging.TopicManagementResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import market.notify.config.NotifyConfig;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;

/**
 * Real FCM through firebase-admin: HTTP v1 sends and (per-token) topic subscriptions. Every send is one HTTP
 * request (FCM has no batch endpoint any more); the SDK runs them on its executor, which is sized here to
 * {@link NotifyConfig.Fcm#concurrency()} so that many are in flight at once. The transport is the SDK's own
 * (Apache HttpClient 5: HTTP/2 to Google over TLS); an endpoint override (the fake FCM) only changes where its
 * connections go, which over plain http:// means HTTP/1.1 keep-alive, one pooled connection per request in
 * flight.
 */
public class FirebasePushSender implements PushSender {

    private static final Set<String> GOOGLE_HOSTS = Set.of("fcm.googleapis.com", "iid.googleapis.com");

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;

    public FirebasePushSender(NotifyConfig.Fcm config) {
        FirebaseOptions.Builder options = FirebaseOptions.builder()
                .setThreadManager(new Threads(config.concurrency()))
                .setCredentials(credentials(config))
                .setConnectTimeout(5_000)
                .setReadTimeout(
                        (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()));
        config.projectId().ifPresent(options::setProjectId);
        config.endpointOverride().ifPresent(base -> options.setHttpTransport(redirected(base, config.concurrency())));
        this.app = FirebaseApp.initializeApp(options.build(), "notify-" + UUID.randomUUID());
        this.messaging = FirebaseMessaging.getInstance(app);
    }

    private static GoogleCredentials credentials(NotifyConfig.Fcm config) {
        try {
            if (config.credentialsFile().isPresent()) {
                try (InputStream in =
                        Files.newInputStream(Path.of(config.credentialsFile().get()))) {
                    return GoogleCredentials.fromStream(in);
                }
            }
            if (config.credentialsJson().isPresent()) {
                return GoogleCredentials.fromStream(
                        new ByteArrayInputStream(config.credentialsJson().get().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Firebase service-account credentials", e);
        }
        // Only reachable with an endpoint override (fake FCM): it accepts any bearer token.
        return GoogleCredentials.create(
                new AccessToken("fake-fcm-access-token", Date.from(Instant.now().plusSeconds(10 * 365 * 24 * 3600L))));
    }

    @Override
    public void sendToTopic(String topic, PushMessage message) {
        Message m = Message.builder()
                .setTopic(topic)
                .setNotification(notification(message))
                .putAllData(message.data())
                .build();
        try {
            messaging.send(m);
        } catch (FirebaseMessagingException e) {
            TokenResult.Outcome outcome = classify(e);
            if (outcome == TokenResult.Outcome.RETRY) {
                throw PushException.transientFailure(describe(e), e);
            }
            throw new PushException.Permanent(describe(e), e);
        }
    }

    @Override
    public List<TokenResult> sendToTokens(List<String> tokens, PushMessage message) {
        MulticastMessage m = MulticastMessage.builder()
                .addAllTokens(tokens)
                .setNotification(notification(message))
                .putAllData(message.data())
                .build();
        BatchResponse batch;
        try {
            batch = messaging.sendEachForMulticast(m);
        } catch (FirebaseMessagingException e) {
            throw PushException.transientFailure(describe(e), e);
        }
        return results(tokens, batch);
    }

    private static List<TokenResult> results(List<String> tokens, BatchResponse batch) {
        List<TokenResult> results = new ArrayList<>(tokens.size());
        List<SendResponse> responses = batch.getResponses();
        for (int i = 0; i < tokens.size(); i++) {
            SendResponse r = responses.get(i);
            results.add(
                    r.isSuccessful()
                            ? new TokenResult(tokens.get(i), TokenResult.Outcome.SENT, null)
                            : new TokenResult(tokens.get(i), classify(r.getException()), describe(r.getException())));
        }
        return results;
    }

    @Override
    public CompletionStage<List<TokenResult>> sendEach(List<Addressed> messages) {
        List<Message> batch = new ArrayList<>(messages.size());
        for (Addressed a : messages) {
            batch.add(Message.builder()
                    .setToken(a.token())
                    .setNotification(notification(a.message()))
                    .putAllData(a.message().data())
                    .build());
        }
        CompletableFuture<List<TokenResult>> done = new CompletableFuture<>();
        ApiFutures.addCallback(
                messaging.sendEachAsync(batch),
                new ApiFutureCallback<BatchResponse>() {
                    @Override
                    public void onSuccess(BatchResponse response) {
                        done.complete(
                                results(messages.stream().map(Addressed::token).toList(), response));
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        done.completeExceptionally(
                                t instanceof FirebaseMessagingException e
                                        ? PushException.transientFailure(describe(e), e)
                                        : PushException.transientFailure(String.valueOf(t), t));
                    }
                },
                Runnable::run);
        return done;
    }

    @Override
    public List<TokenResult> subscribe(String topic, List<String> tokens) {
        try {
            return topicResults(tokens, messaging.subscribeToTopic(tokens, topic));
        } catch (FirebaseMessagingException e) {
            throw PushException.transientFailure(describe(e), e);
        }
    }

    @Override
    public List<TokenResult> unsubscribe(String topic, List<String> tokens) {
        try {
            return topicResults(tokens, messaging.unsubscribeFromTopic(tokens, topic));
        } catch (FirebaseMessagingException e) {
            throw PushException.transientFailure(describe(e), e);
        }
    }

    private static List<TokenResult> topicResults(List<String> tokens, TopicManagementResponse response) {
        List<TokenResult> results = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            results.add(new TokenResult(token, TokenResult.Outcome.SENT, null));
        }
        for (TopicManagementResponse.Error error : response.getErrors()) {
            String reason = error.getReason();
            TokenResult.Outcome outcome = switch (reason) {
                case "registration-token-not-registered", "invalid-argument" -> TokenResult.Outcome.INVALID_TOKEN;
                case "too-many-topics" -> TokenResult.Outcome.REJECTED;
                default -> TokenResult.Outcome.RETRY;
            };
            results.set(error.getIndex(), new TokenResult(tokens.get(error.getIndex()), outcome, reason));
        }
        return results;
    }

    private static Notification notification(PushMessage message) {
        return Notification.builder()
                .setTitle(message.title())
                .setBody(message.body())
                .build();
    }

    /** Dead tokens are forgotten, a malformed message is rejected, and everything else is worth retrying. */
    static TokenResult.Outcome classify(FirebaseMessagingException e) {
        MessagingErrorCode code = e.getMessagingErrorCode();
        if (code == MessagingErrorCode.UNREGISTERED || code == MessagingErrorCode.SENDER_ID_MISMATCH) {
            return TokenResult.Outcome.INVALID_TOKEN;
        }
        if (code == MessagingErrorCode.INVALID_ARGUMENT || e.getErrorCode() == ErrorCode.INVALID_ARGUMENT) {
            String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return text.contains("registration token")
                    ? TokenResult.Outcome.INVALID_TOKEN
                    : TokenResult.Outcome.REJECTED;
        }
        return TokenResult.Outcome.RETRY;
    }

    private static String describe(FirebaseMessagingException e) {
        return (e.getMessagingErrorCode() != null ? e.getMessagingErrorCode() : e.getErrorCode()) + ": "
                + e.getMessage();
    }

    @Override
    public void close() {
        app.delete();
    }

    /**
     * The SDK's transport with its connections for Google's FCM hosts going to {@code base} instead (plain
     * HTTP/1.1 there), pooled up to {@code connections}.
     */
    private static ApacheHttp2Transport redirected(String base, int connections) {
        URI uri = URI.create(base);
        HttpHost target = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
        return new ApacheHttp2Transport(ApacheHttp2Transport.defaultHttpAsyncClientBuilder()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .build())
                .setRoutePlanner((host, context) ->
                        GOOGLE_HOSTS.contains(host.getHostName()) ? new HttpRoute(target) : new HttpRoute(host))
                .build());
    }

    /** The SDK's executor: {@code size} threads, each running one FCM request at a time. */
    private static final class Threads extends ThreadManager {
        private final int size;
        private final AtomicInteger count = new AtomicInteger();

        Threads(int size) {
            this.size = size;
        }

        @Override
        protected ExecutorService getExecutor(FirebaseApp app) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(
                    size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), getThreadFactory());
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }

        @Override
        protected void releaseExecutor(FirebaseApp app, ExecutorService executor) {
            executor.shutdownNow();
        }

        @Override
        protected ThreadFactory getThreadFactory() {
            return r -> {
                Thread t = new Thread(r, "fcm-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
