package market.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The test side of {@link FakeFcm}: what it received, and how it should misbehave next. */
public final class Fcm {

    static final String URL_PROP = "markettest.fakefcm.url";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fcm() {}

    /** Every send attempt: {status, message} with message as FCM got it (token or topic, notification, data). */
    public static List<JsonNode> requests() {
        List<JsonNode> all = new ArrayList<>();
        get("requests").forEach(all::add);
        return all;
    }

    /** Attempts aimed at one token. */
    public static List<JsonNode> toToken(String token) {
        return requests().stream()
                .filter(r -> token.equals(r.path("message").path("token").asText()))
                .toList();
    }

    /** Accepted messages for one token. */
    public static List<JsonNode> deliveredTo(String token) {
        return toToken(token).stream()
                .filter(r -> r.path("status").asInt() == 200)
                .map(r -> r.path("message"))
                .toList();
    }

    /** Accepted topic messages whose data carries this notice id. */
    public static List<JsonNode> topicMessages(String topic, long noticeId) {
        return requests().stream()
                .filter(r -> r.path("status").asInt() == 200)
                .map(r -> r.path("message"))
                .filter(m -> topic.equals(m.path("topic").asText()))
                .filter(m -> Long.toString(noticeId)
                        .equals(m.path("data").path("noticeId").asText()))
                .toList();
    }

    public static Set<String> topic(String name) {
        try {
            Map<String, Set<String>> topics = JSON.convertValue(get("topics"), new TypeReference<>() {});
            return topics.getOrDefault(name, Set.of());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code count} sends get 503 UNAVAILABLE (the SDK itself retries those, with backoff). */
    public static void failNext(int count) {
        failNext(count, 503);
    }

    public static void failNext(int count, int status) {
        get("fail?count=" + count + "&status=" + status);
    }

    public static void unregister(String token) {
        get("unregister?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    public static void invalidate(String token) {
        get("invalid?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private static JsonNode get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(System.getProperty(URL_PROP) + "/_fake/" + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
