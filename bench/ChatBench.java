import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.regex.*;

/**
 * WebSocket load client for bench/chat.sh (JDK only: java bench/ChatBench.java ...).
 * args: conns rooms seconds rate wsUrlA wsUrlB restUrl productIdsFile tokenAlice tokenBob tokenAdmin
 * Connection i belongs to user i%3 (alice, bob, admin) and to instance (i/3)%2, so every user holds
 * connections on both instances. Room r = (product r/2, buyer bob|admin), seller alice.
 * Each send goes out on a connection of one participant on instance X and names a "designated receiver":
 * a connection of the other participant on the other instance. Latency = time the send was handed to the
 * client (nanoTime in the content) -> time that designated receiver got the "message" frame, so every
 * measured message crossed Redis. The server delivers each message to every connection of both users,
 * so the total frames delivered are counted too (fan-out).
 */
public class ChatBench {
    static final Pattern TYPE = Pattern.compile("^\\{\"type\":\"(\\w+)\"");
    // clientMsgId and content carry a per-run id: the server is idempotent on (room, clientMsgId), so an id
    // reused from an earlier run would be answered with the old stored message and no new fan-out
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final Pattern CONTENT = Pattern.compile("\"content\":\"b:" + RUN + ":(\\d+):(\\d+)\"");
    static final Pattern CMID = Pattern.compile("\"clientMsgId\":\"m" + RUN + "-(\\d+)\"");

    static int[] designated;
    static long[] latency;           // ns, -1 = not received by designated receiver
    static AtomicIntegerArray acked;
    static final AtomicLong framesDelivered = new AtomicLong();
    static final AtomicLong errors = new AtomicLong();
    static final AtomicLong ackCount = new AtomicLong();
    static final AtomicLong staleAcks = new AtomicLong();
    static final AtomicLong received = new AtomicLong();
    static final boolean DEBUG = Boolean.getBoolean("debug");
    static final AtomicInteger debugLeft = new AtomicInteger(8);
    static final Map<String, AtomicLong> errorCodes = new ConcurrentHashMap<>();

    static final class Conn implements WebSocket.Listener {
        final int id, user, instance;
        WebSocket ws;
        final StringBuilder buf = new StringBuilder();
        final ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
        final AtomicInteger inflight = new AtomicInteger();
        Conn(int id, int user, int instance) { this.id = id; this.user = user; this.instance = instance; }

        void enqueue(String s) { out.add(s); pump(); }
        void pump() {
            while (!out.isEmpty() && busy.compareAndSet(false, true)) {
                String s = out.poll();
                if (s == null) { busy.set(false); continue; }
                ws.sendText(s, true).whenComplete((w, e) -> {
                    if (e != null) errors.incrementAndGet();
                    busy.set(false);
                    pump();
                });
                return;
            }
        }
        @Override public void onOpen(WebSocket webSocket) { webSocket.request(1); }
        @Override public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            buf.append(data);
            if (last) {
                String f = buf.toString();
                buf.setLength(0);
                handle(f, now);
            }
            webSocket.request(1);
            return null;
        }
        void handle(String f, long now) {
            if (DEBUG && debugLeft.getAndDecrement() > 0) System.err.println("frame on " + id + ": " + f.substring(0, Math.min(300, f.length())));
            Matcher t = TYPE.matcher(f);
            String type = t.find() ? t.group(1) : "?";
            switch (type) {
                case "message" -> {
                    framesDelivered.incrementAndGet();
                    Matcher c = CONTENT.matcher(f);
                    if (c.find()) {
                        int seq = Integer.parseInt(c.group(1));
                        if (seq < designated.length && designated[seq] == id && latency[seq] < 0) {
                            latency[seq] = now - Long.parseLong(c.group(2));
                            received.incrementAndGet();
                        }
                    }
                }
                case "ack" -> {
                    Matcher m = CMID.matcher(f);
                    if (m.find()) { acked.set(Integer.parseInt(m.group(1)), 1); ackCount.incrementAndGet(); }
                    if (!CONTENT.matcher(f).find()) staleAcks.incrementAndGet();
                    inflight.decrementAndGet();
                }
                case "error" -> {
                    errors.incrementAndGet();
                    inflight.decrementAndGet();
                    Matcher m = Pattern.compile("\"code\":\"([^\"]*)\"").matcher(f);
                    errorCodes.computeIfAbsent(m.find() ? m.group(1) : "?", k -> new AtomicLong()).incrementAndGet();
                }
                default -> { }
            }
        }
        @Override public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
            if (code != WebSocket.NORMAL_CLOSURE) System.err.println("conn " + id + " closed " + code + " " + reason); return null;
        }
        @Override public void onError(WebSocket webSocket, Throwable error) {
            System.err.println("conn " + id + " error " + error);
        }
    }

    public static void main(String[] a) throws Exception {
        int conns = Integer.parseInt(a[0]), rooms = Integer.parseInt(a[1]), secs = Integer.parseInt(a[2]);
        int rate = Integer.parseInt(a[3]);
        int cap = Integer.parseInt(System.getProperty("inflight", "16"));
        String[] ws = {a[4], a[5]};
        String rest = a[6];
        List<Long> products = new ArrayList<>();
        for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of(a[7]))) if (!l.isBlank()) products.add(Long.parseLong(l.trim()));
        String[] tokens = {a[8], a[9], a[10]};
        if (conns < 6) throw new IllegalArgumentException("need >= 6 connections (3 users x 2 instances)");

        ExecutorService exec = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().executor(exec).connectTimeout(Duration.ofSeconds(5)).build();

        // rooms: (product p, buyer bob=1 | admin=2); open-or-return is idempotent
        long[] roomId = new long[rooms];
        int[] roomBuyer = new int[rooms];
        for (int r = 0; r < rooms; r++) {
            int buyer = 1 + (r % 2);
            long pid = products.get(r / 2);
            HttpRequest req = HttpRequest.newBuilder(URI.create(rest + "/api/chat/rooms"))
                    .header("Authorization", "Bearer " + tokens[buyer]).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":" + pid + "}")).build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) throw new IllegalStateException("open room " + pid + ": " + res.statusCode() + " " + res.body());
            Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(res.body());
            if (!m.find()) throw new IllegalStateException("no room id: " + res.body());
            roomId[r] = Long.parseLong(m.group(1));
            roomBuyer[r] = buyer;
        }

        int maxMsgs = (int) Math.min(50_000_000L, (long) rate * secs + 1000);
        designated = new int[maxMsgs];
        latency = new long[maxMsgs];
        Arrays.fill(latency, -1);
        acked = new AtomicIntegerArray(maxMsgs);

        // connections
        Conn[] cs = new Conn[conns];
        List<List<List<Conn>>> byUserInst = new ArrayList<>();
        for (int u = 0; u < 3; u++) byUserInst.add(List.of(new ArrayList<>(), new ArrayList<>()));
        long t0 = System.nanoTime();
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            Conn c = new Conn(i, i % 3, (i / 3) % 2);
            cs[i] = c;
            byUserInst.get(c.user).get(c.instance).add(c);
            pending.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + tokens[c.user])
                    .connectTimeout(Duration.ofSeconds(20)).buildAsync(URI.create(ws[c.instance]), c)
                    .thenApply(w -> { c.ws = w; return w; }));
            if (pending.size() >= 50) { for (var f : pending) f.get(60, TimeUnit.SECONDS); pending.clear(); }
        }
        for (var f : pending) f.get(60, TimeUnit.SECONDS);
        System.err.printf("%d connections open in %.1f s%n", conns, (System.nanoTime() - t0) / 1e9);
        Thread.sleep(1000);

        // open-loop sender at `rate` msg/s; a connection holds at most `cap` unacknowledged sends, offers beyond
        // that are shed (counted) instead of queueing without bound in the client
        int[] rr = new int[6];
        int seq = 0;
        long offered = 0, shed = 0;
        long start = System.nanoTime(), end = start + secs * 1_000_000_000L;
        while (System.nanoTime() < end && seq < maxMsgs) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
            while (offered < due && seq < maxMsgs) {
                long o = offered++;
                int r = (int) (o % rooms);
                int seller = 0, buyer = roomBuyer[r];
                boolean fromSeller = (o / rooms) % 2 == 0;
                int from = fromSeller ? seller : buyer, to = fromSeller ? buyer : seller;
                int inst = (int) ((o / 2) % 2);
                List<Conn> fs = byUserInst.get(from).get(inst), ts = byUserInst.get(to).get(1 - inst);
                Conn sender = null;
                for (int k = 0; k < fs.size() && sender == null; k++) {
                    Conn c = fs.get(rr[from * 2 + inst]++ % fs.size());
                    if (c.inflight.get() < cap) sender = c;
                }
                if (sender == null) { shed++; continue; }
                Conn recv = ts.get((int) ((o / 4) % ts.size()));
                designated[seq] = recv.id;
                sender.inflight.incrementAndGet();
                sender.enqueue("{\"type\":\"send\",\"roomId\":" + roomId[r] + ",\"content\":\"b:" + RUN + ":" + seq + ":" + System.nanoTime()
                        + "\",\"clientMsgId\":\"m" + RUN + "-" + seq + "\"}");
                seq++;
            }
            Thread.sleep(1);
        }
        double sendSecs = (System.nanoTime() - start) / 1e9;
        int sent = seq;
        // drain: wait until every send is answered and every acked message received, at most 20 s
        long drainEnd = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < drainEnd) {
            if (ackCount.get() + errors.get() >= sent && received.get() >= ackCount.get()) break;
            Thread.sleep(100);
        }
        double totalSecs = (System.nanoTime() - start) / 1e9;
        long[] lat = new long[sent];
        int n = 0, lost = 0, ackedN = 0;
        for (int i = 0; i < sent; i++) {
            boolean ak = acked.get(i) == 1;
            if (ak) ackedN++;
            if (latency[i] >= 0) lat[n++] = latency[i];
            else if (ak) lost++;
        }
        // where the lost ones were: by tenth of the send window and by designated receiver connection
        int[] lostByTenth = new int[10];
        Map<Integer, Integer> lostByConn = new TreeMap<>();
        for (int i = 0; i < sent; i++) {
            if (acked.get(i) == 1 && latency[i] < 0) {
                lostByTenth[(int) Math.min(9, (long) i * 10 / Math.max(1, sent))]++;
                lostByConn.merge(designated[i], 1, Integer::sum);
            }
        }
        if (staleAcks.get() > 0) System.err.println("acks answering an older message (idempotent replay): " + staleAcks.get());
        if (lost > 0) System.err.println("lost by tenth of run " + Arrays.toString(lostByTenth) + ", by receiver conn " + lostByConn);
        long[] l = Arrays.copyOf(lat, n);
        Arrays.sort(l);
        double p50 = n > 0 ? l[(int) (0.50 * (n - 1))] / 1e6 : Double.NaN;
        double p99 = n > 0 ? l[(int) (0.99 * (n - 1))] / 1e6 : Double.NaN;
        double max = n > 0 ? l[n - 1] / 1e6 : Double.NaN;
        for (Conn c : cs) { try { c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS); } catch (Exception e) { } }
        // machine-readable line for chat.sh
        System.out.printf(Locale.ROOT, "RESULT offered=%d shed=%d sent=%d acked=%d errors=%d received=%d lost=%d send_secs=%.1f msg_per_s=%.0f frames_per_s=%.0f fanout=%.1f p50=%.1f p99=%.1f max=%.1f errcodes=%s%n",
                offered, shed, sent, ackedN, errors.get(), n, lost, sendSecs, n / sendSecs, framesDelivered.get() / totalSecs,
                sent > 0 ? (double) framesDelivered.get() / sent : 0, p50, p99, max, errorCodes);
        exec.shutdownNow();
        System.exit(0);
    }
}
