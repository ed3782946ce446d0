package market.notify;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal Server-Sent Events client: collects events (id, event, data) of one open stream. */
final class Sse implements AutoCloseable {

    record Event(String id, String name, String data) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    final int status;
    final String contentType;

    private Sse(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.body = response.body();
        if (status == 200) {
            Thread reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    static Sse open(String url, String bearer, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> r =
                HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        return new Sse(r);
    }

    String errorBody() throws Exception {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            Map<String, String> fields = new HashMap<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (fields.containsKey("data")) {
                        events.add(new Event(fields.get("id"), fields.get("event"), fields.get("data")));
                    }
                    fields.clear();
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String name = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    fields.merge(name, value, (a, b) -> a + "\n" + b);
                }
            }
        } catch (Exception e) {
            // the test closed the stream
        }
    }

    Event next(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        body.close();
    }
}
