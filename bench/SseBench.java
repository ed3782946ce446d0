import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.regex.*;

/**
 * SSE delivery latency for bench/notify.sh (JDK only).
 * args: conns notifyUrl events intervalMs serviceToken tok1 sub1 tok2 sub2 tok3 sub3
 * Opens conns streams GET /api/me/notifications/stream, stream i as user i%3. Then posts `events` personal
 * events through POST /internal/events, rotating the recipient over the 3 users, intervalMs apart.
 * Latency sample = (time the stream saw the event's data line) - (time just before the POST was sent),
 * one sample per (event, stream of its recipient). Prints RESULT line.
 */
public class SseBench {
    public static void main(String[] a) throws Exception {
        int conns = Integer.parseInt(a[0]);
        String url = a[1];
        int events = Integer.parseInt(a[2]);
        long interval = Long.parseLong(a[3]);
        String service = a[4];
        String[] tok = {a[5], a[7], a[9]}, sub = {a[6], a[8], a[10]};
        String run = Long.toString(System.currentTimeMillis(), 36);
        long[] t0 = new long[events];
        Arrays.fill(t0, Long.MAX_VALUE);
        ConcurrentLinkedQueue<Long> lat = new ConcurrentLinkedQueue<>();
        AtomicInteger open = new AtomicInteger(), failed = new AtomicInteger();
        Pattern p = Pattern.compile("sse-bench-" + run + "-(\\d+)");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<?>> fs = new ArrayList<>();
        long tOpen = System.nanoTime();
        for (int i = 0; i < conns; i++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/me/notifications/stream"))
                    .header("Authorization", "Bearer " + tok[i % 3]).header("Accept", "text/event-stream")
                    .GET().build();   // no Last-Event-ID: the stream starts at the newest item (only new ones)
            Flow.Subscriber<String> s = new Flow.Subscriber<>() {
                Flow.Subscription sub;
                public void onSubscribe(Flow.Subscription sub) { this.sub = sub; open.incrementAndGet(); sub.request(Long.MAX_VALUE); }
                public void onNext(String line) {
                    if (line.startsWith("data:")) {
                        long now = System.nanoTime();
                        Matcher m = p.matcher(line);
                        if (m.find()) { int k = Integer.parseInt(m.group(1)); lat.add(now - t0[k]); }
                    }
                }
                public void onError(Throwable t) { failed.incrementAndGet(); }
                public void onComplete() { }
            };
            fs.add(http.sendAsync(req, HttpResponse.BodyHandlers.fromLineSubscriber(s)));
        }
        for (int w = 0; w < 300 && open.get() + failed.get() < conns; w++) Thread.sleep(100);
        System.err.printf("%d streams open (%d failed) in %.1f s%n", open.get(), failed.get(), (System.nanoTime() - tOpen) / 1e9);
        Thread.sleep(2000);
        int[] perUser = new int[3];
        for (int i = 0; i < open.get(); i++) perUser[i % 3]++;
        long expected = 0;
        for (int k = 0; k < events; k++) {
            int u = k % 3;
            String body = "{\"idempotencyKey\":\"sse-bench-" + run + "-" + k + "\",\"type\":\"COMMENT\",\"recipientId\":\"" + sub[u]
                    + "\",\"title\":\"sse-bench-" + run + "-" + k + "\",\"body\":\"bench\",\"data\":{}}";
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/internal/events"))
                    .header("Authorization", "Bearer " + service).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build();
            t0[k] = System.nanoTime();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) System.err.println("event " + k + ": " + r.statusCode() + " " + r.body());
            else expected += perUser[u];
            Thread.sleep(interval);
        }
        for (int w = 0; w < 100 && lat.size() < expected; w++) Thread.sleep(100);
        long[] l = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = l.length;
        System.out.printf(Locale.ROOT, "RESULT streams=%d stream_failures=%d events=%d expected=%d received=%d p50=%.1f p99=%.1f max=%.1f%n",
                open.get(), failed.get(), events, expected, n,
                n > 0 ? l[(int) (0.5 * (n - 1))] / 1e6 : Double.NaN, n > 0 ? l[(int) (0.99 * (n - 1))] / 1e6 : Double.NaN,
                n > 0 ? l[n - 1] / 1e6 : Double.NaN);
        System.exit(0);
    }
}
