import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.regex.*;
import java.util.stream.IntStream;

/**
 * SSE delivery latency for bench/notify.sh (JDK only). Modes:
 *   keygen DIR                 an RSA key pair for the bench's own tokens (DIR/key.pk8, DIR/key.pub, base64);
 *                              notify runs with quarkus.oidc.public-key = key.pub, so the bench needs no
 *                              Keycloak logins for 10,000 users
 *   token DIR SUB ROLE...      prints an access token (Keycloak-shaped claims) signed by that key
 *   noop PORT                  a no-op SSE server for the client's own capacity (the baseline): streams of
 *                              the same path, each event handed from memory to the recipient's streams
 *   run DIR URL STREAMS USERS EVENTS RATE NOTICE [PID]
 *       opens STREAMS streams GET /api/me/notifications/stream, stream i as user i % USERS (tokens minted
 *       here), then posts EVENTS personal events through POST /internal/events at RATE per second to
 *       recipients spread over all users (event k to user k * 7919 % USERS), and, with NOTICE=1, an admin
 *       NOTICE (which reaches every stream) when half of the events are out. Latency sample = (time the stream
 *       saw the event's data line) - (time just before its POST was sent): one per (event, stream of its
 *       recipient), one per stream for the notice. With PID, memory (RSS, heap after a full GC through jcmd)
 *       and CPU of that process are measured. Prints RESULT lines.
 */
public class SseBench {
    static final String AUD = "market-api";
    static final int PER_CLIENT = Integer.getInteger("perClient", 500);

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "keygen" -> keygen(Path.of(a[1]));
            case "token" -> System.out.println(token(key(Path.of(a[1])), a[2], Arrays.copyOfRange(a, 3, a.length), 3600));
            case "noop" -> noop(Integer.parseInt(a[1]));
            case "run" -> run(a);
            default -> throw new IllegalArgumentException(a[0]);
        }
    }

    // ---- tokens

    static void keygen(Path dir) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        Files.writeString(dir.resolve("key.pk8"), Base64.getEncoder().encodeToString(kp.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("key.pub"), Base64.getEncoder().encodeToString(kp.getPublic().getEncoded()));
    }

    static PrivateKey key(Path dir) throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(Files.readString(dir.resolve("key.pk8")).trim())));
    }

    static String token(PrivateKey key, String sub, String[] roles, long ttl) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        StringBuilder r = new StringBuilder();
        for (String role : roles) r.append(r.isEmpty() ? "" : ",").append('"').append(role).append('"');
        boolean service = List.of(roles).contains("service");
        String claims = "{\"iss\":\"sse-bench\",\"sub\":\"" + sub + "\",\"aud\":[\"" + AUD + "\",\"account\"],\"iat\":" + now
                + ",\"exp\":" + (now + ttl) + ",\"typ\":\"Bearer\",\"azp\":\"" + (service ? sub : "market-test")
                + "\",\"preferred_username\":\"" + sub + "\",\"realm_access\":{\"roles\":[" + r + "]}}";
        String head = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
        return head + "." + body + "." + b64.encodeToString(s.sign());
    }

    /** The sub claim of a token minted here (no verification: the no-op server trusts its bench). */
    static String subOf(String bearer) {
        String payload = new String(Base64.getUrlDecoder().decode(bearer.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"sub\":\"([^\"]+)\"").matcher(payload);
        return m.find() ? m.group(1) : "";
    }

    // ---- the no-op SSE server (baseline)

    static void noop(int port) throws Exception {
        Map<String, Set<BlockingQueue<String>>> byUser = new ConcurrentHashMap<>();
        AtomicLong ids = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        // a thread per stream (JDK 17 has no virtual threads), with small stacks
        server.setExecutor(Executors.newCachedThreadPool(r -> { Thread t = new Thread(null, r, "noop", 256 * 1024); t.setDaemon(true); return t; }));
        server.createContext("/api/me/notifications/stream", ex -> {
            String user = subOf(ex.getRequestHeaders().getFirst("Authorization").substring(7));
            BlockingQueue<String> q = new LinkedBlockingQueue<>();
            byUser.computeIfAbsent(user, k -> ConcurrentHashMap.newKeySet()).add(q);
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(": open\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                while (true) {
                    String e = q.poll(15, TimeUnit.SECONDS);
                    out.write((e == null ? ": keep-alive\n\n" : e).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (Exception e) {
                // the client left
            } finally {
                byUser.get(user).remove(q);
            }
        });
        Pattern recipient = Pattern.compile("\"recipientId\":\"([^\"]+)\"");
        Pattern title = Pattern.compile("\"title\":\"([^\"]+)\"");
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher t = title.matcher(body);
            t.find();
            long id = ids.incrementAndGet();
            String event = "id:" + id + "\nevent:notification\ndata:{\"id\":" + id + ",\"title\":\"" + t.group(1) + "\"}\n\n";
            if (ex.getRequestURI().getPath().equals("/internal/events")) {
                Matcher m = recipient.matcher(body);
                m.find();
                byUser.getOrDefault(m.group(1), Set.of()).forEach(q -> q.add(event));
            } else {
                byUser.values().forEach(set -> set.forEach(q -> q.add(event)));
            }
            byte[] ok = ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(202, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        server.start();
        System.err.println("no-op SSE server on " + port);
        Thread.sleep(Long.MAX_VALUE);
    }

    // ---- the run

    record Proc(long rssKb, long heapKb, double cpuS) {}

    static Proc proc(long pid, boolean gc) {
        if (pid <= 0) return new Proc(0, 0, 0);
        try {
            long heap = 0;
            if (gc) {
                exec("jcmd", Long.toString(pid), "GC.run");
                Matcher m = Pattern.compile("used (\\d+)K").matcher(exec("jcmd", Long.toString(pid), "GC.heap_info"));
                while (m.find()) heap += Long.parseLong(m.group(1));
            }
            long rss = 0;
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
                if (l.startsWith("VmRSS:")) rss = Long.parseLong(l.replaceAll("\\D", ""));
            String[] st = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll(".*\\) ", "").split(" ");
            double cpu = (Long.parseLong(st[11]) + Long.parseLong(st[12])) / 100.0;   // utime + stime, clock ticks
            return new Proc(rss, heap, cpu);
        } catch (Exception e) {
            return new Proc(0, 0, 0);
        }
    }

    static String exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static double selfCpu() {
        return proc(ProcessHandle.current().pid(), false).cpuS();
    }

    static void run(String[] a) throws Exception {
        PrivateKey key = key(Path.of(a[1]));
        String url = a[2];
        int conns = Integer.parseInt(a[3]), users = Integer.parseInt(a[4]), events = Integer.parseInt(a[5]);
        double rate = Double.parseDouble(a[6]);
        boolean notice = a[7].equals("1");
        long pid = a.length > 8 ? Long.parseLong(a[8]) : 0;
        String run = Long.toString(System.currentTimeMillis(), 36);
        String service = token(key, "service-account-chat-service", new String[] {"service"}, 3600);
        String admin = token(key, "sse-bench-admin", new String[] {"user", "admin"}, 3600);
        long tMint = System.nanoTime();
        String[] tok = new String[users];
        IntStream.range(0, users).parallel().forEach(u -> {
            try { tok[u] = token(key, "sse-" + run + "-u" + u, new String[] {"user"}, 3600); }
            catch (Exception e) { throw new RuntimeException(e); }
        });
        System.err.printf("%d user tokens minted in %.1f s%n", users, (System.nanoTime() - tMint) / 1e9);
        AtomicLongArray t0 = new AtomicLongArray(events + 1);    // the notice is index `events`
        ConcurrentLinkedQueue<Long> personal = new ConcurrentLinkedQueue<>(), broadcast = new ConcurrentLinkedQueue<>();
        AtomicInteger open = new AtomicInteger(), failed = new AtomicInteger(), broken = new AtomicInteger();
        Pattern p = Pattern.compile("sse-bench-" + run + "-(\\d+)");
        // one HttpClient (one selector thread) per PER_CLIENT streams
        int clients = Math.max(1, (conns + PER_CLIENT - 1) / PER_CLIENT);
        HttpClient[] http = new HttpClient[clients];
        for (int c = 0; c < clients; c++)
            http[c] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(30)).build();
        HttpClient poster = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        Proc before = proc(pid, true);
        long tOpen = System.nanoTime();
        Semaphore opening = new Semaphore(64);                   // streams being opened at once
        for (int i = 0; i < conns; i++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/me/notifications/stream"))
                    .header("Authorization", "Bearer " + tok[i % users]).header("Accept", "text/event-stream")
                    .GET().build();   // no Last-Event-ID: the stream starts at the newest item (only new ones)
            AtomicBoolean subscribed = new AtomicBoolean();
            Flow.Subscriber<String> s = new Flow.Subscriber<>() {
                public void onSubscribe(Flow.Subscription sub) {
                    subscribed.set(true); open.incrementAndGet(); opening.release(); sub.request(Long.MAX_VALUE);
                }
                public void onNext(String line) {
                    if (line.startsWith("data:")) {
                        long now = System.nanoTime();
                        Matcher m = p.matcher(line);
                        if (m.find()) {
                            int k = Integer.parseInt(m.group(1));
                            (k == events ? broadcast : personal).add(now - t0.get(k));
                        }
                    }
                }
                public void onError(Throwable t) { broken.incrementAndGet(); }
                public void onComplete() { broken.incrementAndGet(); }
            };
            opening.acquire();
            http[i % clients].sendAsync(req, info -> info.statusCode() == 200
                            ? HttpResponse.BodySubscribers.fromLineSubscriber(s)
                            : HttpResponse.BodySubscribers.replacing((Void) null))
                    .whenComplete((r, e) -> {
                        if (!subscribed.get()) { failed.incrementAndGet(); opening.release(); }
                    });
        }
        for (int w = 0; w < 3000 && open.get() + failed.get() < conns; w++) Thread.sleep(100);
        double openS = (System.nanoTime() - tOpen) / 1e9;
        System.err.printf("%d streams open (%d failed) in %.1f s%n", open.get(), failed.get(), openS);
        Thread.sleep(3000);
        Proc opened = proc(pid, true);
        int[] perUser = new int[users];
        for (int i = 0; i < open.get(); i++) perUser[i % users]++;
        AtomicLong expected = new AtomicLong();
        AtomicInteger postFailures = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        long interval = (long) (1e9 / rate), start = System.nanoTime();
        double clientCpu0 = selfCpu(), serverCpu0 = proc(pid, false).cpuS();
        for (int k = 0; k < events; k++) {
            long due = start + k * interval;
            while (System.nanoTime() < due) Thread.sleep(0, 200_000);
            int kk = k, u = (int) ((long) k * 7919 % users);
            senders.execute(() -> post(poster, url + "/internal/events", service, "{\"idempotencyKey\":\"sse-bench-" + run + "-" + kk
                    + "\",\"type\":\"COMMENT\",\"recipientId\":\"sse-" + run + "-u" + u + "\",\"title\":\"sse-bench-" + run + "-" + kk
                    + "\",\"body\":\"bench\",\"data\":{}}", 202, t0, kk, () -> expected.addAndGet(perUser[u]), postFailures));
            if (notice && k == events / 2) {
                senders.execute(() -> post(poster, url + "/api/admin/notices", admin, "{\"type\":\"NOTICE\",\"title\":\"sse-bench-" + run + "-"
                        + events + "\",\"body\":\"to every stream\"}", 202, t0, events, () -> expected.addAndGet(open.get()), postFailures));
            }
        }
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
        double sendS = (System.nanoTime() - start) / 1e9;
        for (int w = 0; w < 300 && personal.size() + broadcast.size() < expected.get(); w++) Thread.sleep(100);
        double clientCpu = selfCpu() - clientCpu0, serverCpu = proc(pid, false).cpuS() - serverCpu0;
        double wallS = (System.nanoTime() - start) / 1e9;
        long n = open.get();
        System.out.printf(Locale.ROOT, "RESULT streams=%d users=%d stream_failures=%d streams_broken=%d open_s=%.1f events=%d rate=%.0f post_failures=%d expected=%d received=%d%n",
                n, users, failed.get(), broken.get(), openS, events, events / sendS, postFailures.get(), expected.get(), personal.size() + broadcast.size());
        print("personal", personal);
        print("notice", broadcast);
        List<Long> all = new ArrayList<>(personal);
        all.addAll(broadcast);
        print("all", all);
        System.out.printf(Locale.ROOT, "RESULT rss_before_kb=%d rss_open_kb=%d heap_before_kb=%d heap_open_kb=%d rss_per_stream_b=%d heap_per_stream_b=%d%n",
                before.rssKb(), opened.rssKb(), before.heapKb(), opened.heapKb(),
                n > 0 ? (opened.rssKb() - before.rssKb()) * 1024 / n : 0, n > 0 ? (opened.heapKb() - before.heapKb()) * 1024 / n : 0);
        System.out.printf(Locale.ROOT, "RESULT wall_s=%.1f server_cpu_s=%.1f client_cpu_s=%.1f%n", wallS, serverCpu, clientCpu);
        System.exit(0);
    }

    static void post(HttpClient http, String url, String bearer, String body, int status, AtomicLongArray t0, int k, Runnable ok, AtomicInteger failures) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build();
        try {
            t0.set(k, System.nanoTime());
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == status) ok.run();
            else { failures.incrementAndGet(); System.err.println(url + ": " + r.statusCode() + " " + r.body()); }
        } catch (Exception e) {
            failures.incrementAndGet();
            System.err.println(url + ": " + e);
        }
    }

    static void print(String name, Collection<Long> samples) {
        long[] l = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = l.length;
        System.out.printf(Locale.ROOT, "RESULT %1$s_n=%2$d %1$s_p50=%3$.1f %1$s_p99=%4$.1f %1$s_max=%5$.1f%n", name, n,
                n > 0 ? l[(int) (0.5 * (n - 1))] / 1e6 : Double.NaN, n > 0 ? l[(int) (0.99 * (n - 1))] / 1e6 : Double.NaN,
                n > 0 ? l[n - 1] / 1e6 : Double.NaN);
    }
}
