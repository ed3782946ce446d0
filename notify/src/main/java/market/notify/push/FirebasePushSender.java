package market.notify.push;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.ImplFirebaseTrampolines;
import com.google.firebase.ThreadManager;
import com.google.firebase.internal.ApacheHttp2Transport;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.TopicManagementResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
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
 * Real FCM: messages through FCM's HTTP v1 API on a non-blocking client ({@link FcmHttpClient}; every message is
 * one request, FCM has no batch endpoint any more), topic subscriptions and the credentials through firebase-admin.
 * Sends used to go through the SDK too, which runs each request on a thread of its own blocking on Apache
 * HttpClient: ~440 µs of CPU per push, a quarter of what one replica needs for 10,000 pushes a second (bench/push.sh).
 * The SDK's transport (Apache HttpClient 5, HTTP/2 over TLS) stays for topic management; an endpoint override (the
 * fake FCM) only changes where its connections go.
 */
public class FirebasePushSender implements PushSender {

    private static final Set<String> GOOGLE_HOSTS = Set.of("fcm.googleapis.com", "iid.googleapis.com");
    private static final URI FCM = URI.create("https://fcm.googleapis.com");
    private static final int SDK_THREADS = 4;

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;
    private final FcmHttpClient client;

    public FirebasePushSender(NotifyConfig.Fcm config, Vertx vertx) {
        this(
                config,
                vertx,
                FcmHttpClient.options(config.endpointOverride().map(URI::create).orElse(FCM)));
    }

    /** With the HTTP client's options given (tests trust a self-signed FCM through them). */
    public FirebasePushSender(NotifyConfig.Fcm config, Vertx vertx, HttpClientOptions httpOptions) {
        FirebaseOptions.Builder options = FirebaseOptions.builder()
                // the SDK only manages topic membership now: one call at a time from the relay
                .setThreadManager(new Threads(SDK_THREADS))
                .setCredentials(credentials(config))
                .setConnectTimeout(5_000)
                .setReadTimeout(
                        (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()));
        config.projectId().ifPresent(options::setProjectId);
        config.endpointOverride().ifPresent(base -> options.setHttpTransport(redirected(base, SDK_THREADS)));
        this.app = FirebaseApp.initializeApp(options.build(), "notify-" + UUID.randomUUID());
        this.messaging = FirebaseMessaging.getInstance(app);
        String project = ImplFirebaseTrampolines.getProjectId(app);
        if (project == null || project.isBlank()) {
            app.delete();
            throw new IllegalStateException(
                    "No Firebase project id: set market.notify.fcm.project-id or use a service-account JSON");
        }
        this.client = new FcmHttpClient(
                vertx,
                config.endpointOverride().map(URI::create).orElse(FCM),
                httpOptions,
                config.concurrency(),
                project,
                ImplFirebaseTrampolines.getCredentials(app),
                config.timeout());
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
        FcmHttpClient.Answer answer =
                await(client.send(FcmHttpClient.body(null, topic, message)).toCompletionStage());
        switch (answer.outcome()) {
            case SENT -> {}
            case RETRY -> throw PushException.transientFailure(answer.error(), null);
            default -> throw new PushException.Permanent(answer.error(), null);
        }
    }

    @Override
    public List<TokenResult> sendToTokens(List<String> tokens, PushMessage message) {
        return await(
                sendEach(tokens.stream().map(t -> new Addressed(t, message)).toList()));
    }

    /** Never fails as a whole: every message gets its own outcome (RETRY when FCM could not be reached). */
    @Override
    public CompletionStage<List<TokenResult>> sendEach(List<Addressed> messages) {
        return client.sendEach(messages);
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PushException.transientFailure("interrupted while waiting for FCM", e);
        } catch (ExecutionException e) {
            throw PushException.transientFailure(String.valueOf(e.getCause()), e.getCause());
        }
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

    private static String describe(FirebaseMessagingException e) {
        return (e.getMessagingErrorCode() != null ? e.getMessagingErrorCode() : e.getErrorCode()) + ": "
                + e.getMessage();
    }

    @Override
    public void close() {
        client.close();
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

    /** The SDK's executor: {@code size} threads, each running one topic-management request at a time. */
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
