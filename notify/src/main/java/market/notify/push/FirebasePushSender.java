package market.notify.push;

import com.google.api.client.http.javanet.ConnectionFactory;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.ErrorCode;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
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
import java.net.HttpURLConnection;
import java.net.URL;
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
import market.notify.config.NotifyConfig;

/** Real FCM through firebase-admin: HTTP v1 sends and (per-token) topic subscriptions. */
public class FirebasePushSender implements PushSender {

    private static final Set<String> GOOGLE_HOSTS = Set.of("fcm.googleapis.com", "iid.googleapis.com");

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;

    public FirebasePushSender(NotifyConfig.Fcm config) {
        FirebaseOptions.Builder options = FirebaseOptions.builder()
                .setCredentials(credentials(config))
                .setConnectTimeout(5_000)
                .setReadTimeout(
                        (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()));
        config.projectId().ifPresent(options::setProjectId);
        config.endpointOverride()
                .ifPresent(base -> options.setHttpTransport(new NetHttpTransport.Builder()
                        .setConnectionFactory(new Redirect(base))
                        .build()));
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

    /** Sends calls meant for Google's FCM hosts to another base URL (the fake FCM). */
    private record Redirect(String base) implements ConnectionFactory {
        @Override
        public HttpURLConnection openConnection(URL url) throws IOException {
            URL target =
                    GOOGLE_HOSTS.contains(url.getHost()) ? new URL(base.replaceAll("/+$", "") + url.getFile()) : url;
            return (HttpURLConnection) target.openConnection();
        }
    }
}
