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
 * args: seconds rate wsUrlA wsUrlB restUrl roomsFile
 * roomsFile: one line per room, "productId sellerToken buyerToken" — every room has its own two users.
 * Each user holds one connection (as a phone or a browser tab does): every seller on instance A, every buyer
 * on instance B, so every message crosses Redis. The buyer opens the room (POST /api/chat/rooms).
 * Message o goes to room o % rooms, alternately from the seller and from the buyer; its "designated
 * receiver" is the other participant's connection. Latency = time the send was handed to the client
 * (nanoTime in the content) -> time the other participant got the "message" frame (same JVM clock).
 * The server also echoes each message to the sender's own connections, so fan-out is 2 frames/message.
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
    static final AtomicLong recovered = new AtomicLong();
    static final AtomicLong resyncs = new AtomicLong();
    static final Pattern MSG_ID = Pattern.compile("\\{\"id\":(\\d+)");
    static HttpClient http;
    static final Pattern SENT_AT = Pattern.compile("\"sentAt\":\"([^\"]+)\"");
    static long[] sentWall, toCommit, commitToAck;
    static String restUrl;
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
        final AtomicLong lastSeen = new AtomicLong();
        long room;
        String token;
        Conn(int id, int user, int instance) { this.id = id; this.user = user; this.instance = instance; }

        /** A message for this connection, live or fetched after a resync: latency if it was the designated one. */
        void seen(String text, long now, boolean live) {
            Matcher c = CONTENT.matcher(text);
            while (c.find()) {
                int seq = Integer.parseInt(c.group(1));
                if (seq < designated.length && designated[seq] == id && latency[seq] < 0) {
                    latency[seq] = now - Long.parseLong(c.group(2));
                    received.incrementAndGet();
                    if (!live) recovered.incrementAndGet();
                }
            }
            Matcher m = MSG_ID.matcher(text);
            while (m.find()) lastSeen.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
        }

        /** The server says frames may have been missed: catch up with after=<last id seen>, as the apps do. */
        void resync() {
            resyncs.incrementAndGet();
            HttpRequest req = HttpRequest.newBuilder(URI.create(restUrl + "/api/chat/rooms/" + room + "/messages?size=100&after=" + lastSeen.get()))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
            http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenAccept(res -> {
                if (res.statusCode() != 200) { System.err.println("resync of conn " + id + ": " + res.statusCode()); return; }
                long before = lastSeen.get();
                seen(res.body(), System.nanoTime(), false);
                if (res.body().contains("\"nextCursor\":\"") && lastSeen.get() > before) resync();
            });
        }

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
                    seen(f, now, true);
                }
                case "resync" -> resync();
                case "ack" -> {
                    Matcher m = CMID.matcher(f);
                    if (m.find()) {
                        int s = Integer.parseInt(m.group(1));
                        acked.set(s, 1);
                        ackCount.incrementAndGet();
                        // split the ack's round trip at the commit time the server stamped (same machine clock)
                        Matcher at = SENT_AT.matcher(f);
                        if (at.find() && s < sentWall.length && sentWall[s] > 0) {
                            long commit = java.time.OffsetDateTime.parse(at.group(1)).toInstant().toEpochMilli();
                            long nowWall = System.currentTimeMillis();
                            toCommit[s] = commit - sentWall[s];
                            commitToAck[s] = nowWall - commit;
                        }
                    }
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
        int secs = Integer.parseInt(a[0]), rate = Integer.parseInt(a[1]);
        int cap = Integer.parseInt(System.getProperty("inflight", "16"));
        String[] ws = {a[2], a[3]};
        String rest = a[4];
        List<String[]> roomLines = new ArrayList<>();
        for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of(a[5]))) if (!l.isBlank()) roomLines.add(l.trim().split("\\s+"));
        int rooms = roomLines.size(), conns = 2 * rooms;

        ExecutorService exec = Executors.newFixedThreadPool(4);
        restUrl = rest;
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(exec).connectTimeout(Duration.ofSeconds(5)).build();

        // rooms: the buyer opens (or gets back) its room on the seller's listing; idempotent across runs
        long[] roomId = new long[rooms];
        List<CompletableFuture<Void>> opening = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            final int room = r;
            HttpRequest req = HttpRequest.newBuilder(URI.create(rest + "/api/chat/rooms"))
                    .header("Authorization", "Bearer " + roomLines.get(r)[2]).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":" + roomLines.get(r)[0] + "}")).build();
            opening.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenAccept(res -> {
                if (res.statusCode() / 100 != 2) throw new IllegalStateException("open room " + room + ": " + res.statusCode() + " " + res.body());
                Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(res.body());
                if (!m.find()) throw new IllegalStateException("no room id: " + res.body());
                roomId[room] = Long.parseLong(m.group(1));
            }));
            if (opening.size() >= 8) { for (var f : opening) f.get(60, TimeUnit.SECONDS); opening.clear(); }
        }
        for (var f : opening) f.get(60, TimeUnit.SECONDS);

        int warmSecs = Integer.parseInt(System.getProperty("warmup", "10"));
        int warmRateArg = Integer.parseInt(System.getProperty("warmupRate", Integer.toString(rate)));
        // every message of the warm-up and of the measured window has a slot
        int maxMsgs = (int) Math.min(50_000_000L, (long) rate * secs + (long) warmRateArg * warmSecs + 1000);
        designated = new int[maxMsgs];
        sentWall = new long[maxMsgs];
        toCommit = new long[maxMsgs];
        commitToAck = new long[maxMsgs];
        Arrays.fill(toCommit, Long.MIN_VALUE);
        latency = new long[maxMsgs];
        Arrays.fill(latency, -1);
        acked = new AtomicIntegerArray(maxMsgs);

        // connections: 2r = seller of room r on instance A, 2r+1 = its buyer on instance B
        Conn[] cs = new Conn[conns];
        long t0 = System.nanoTime();
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            Conn c = new Conn(i, i, i % 2);
            cs[i] = c;
            String token = roomLines.get(i / 2)[1 + i % 2];
            c.token = token;
            c.room = roomId[i / 2];
            pending.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .connectTimeout(Duration.ofSeconds(20)).buildAsync(URI.create(ws[c.instance]), c)
                    .thenApply(w -> { c.ws = w; return w; }));
            if (pending.size() >= 50) { for (var f : pending) f.get(60, TimeUnit.SECONDS); pending.clear(); }
        }
        for (var f : pending) f.get(60, TimeUnit.SECONDS);
        System.err.printf("%d connections open in %.1f s%n", conns, (System.nanoTime() - t0) / 1e9);
        Thread.sleep(1000);

        // open-loop sender at `rate` msg/s; a connection holds at most `cap` unacknowledged sends, offers beyond
        // that are shed (counted) instead of queueing without bound in the client
        // warm-up (JIT, pools, caches) at warmupRate; only what is sent after it is measured
        // (warmupRate, default the measured rate; chat.sh passes its own default: the JIT of both server JVMs is still compiling for a minute or
        // more after start, so a long warm-up at a rate the cold servers can carry measures the warm service)
        int warm = warmSecs, warmRate = warmRateArg;
        int seq = 0, firstMeasured = -1;
        long offered = 0, shed = 0, offeredWarm = 0, shedWarm = 0;
        long begin = System.nanoTime(), start = begin + warm * 1_000_000_000L, end = start + secs * 1_000_000_000L;
        while (System.nanoTime() < end && seq < maxMsgs) {
            long now = System.nanoTime();
            if (firstMeasured < 0 && now >= start) { firstMeasured = seq; offeredWarm = offered; shedWarm = shed; }
            long due = now < start ? (long) ((now - begin) / 1e9 * warmRate)
                    : (long) (warm * (double) warmRate + (now - start) / 1e9 * rate);
            while (offered < due && seq < maxMsgs) {
                long o = offered++;
                int r = (int) (o % rooms);
                boolean fromSeller = (o / rooms) % 2 == 0;
                Conn sender = cs[2 * r + (fromSeller ? 0 : 1)], recv = cs[2 * r + (fromSeller ? 1 : 0)];
                if (sender.inflight.get() >= cap) { shed++; continue; }
                designated[seq] = recv.id;
                sentWall[seq] = System.currentTimeMillis();
                sender.inflight.incrementAndGet();
                sender.enqueue("{\"type\":\"send\",\"roomId\":" + roomId[r] + ",\"content\":\"b:" + RUN + ":" + seq + ":" + System.nanoTime()
                        + "\",\"clientMsgId\":\"m" + RUN + "-" + seq + "\"}");
                seq++;
            }
            Thread.sleep(1);
        }
        double sendSecs = (System.nanoTime() - start) / 1e9;
        int sent = seq;
        if (firstMeasured < 0) firstMeasured = sent;
        offered -= offeredWarm;
        shed -= shedWarm;
        // drain: wait until every send is answered and every acked message received, at most 20 s
        long drainEnd = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < drainEnd) {
            if (ackCount.get() + errors.get() >= sent && received.get() >= ackCount.get()) break;
            Thread.sleep(100);
        }
        double totalSecs = (System.nanoTime() - begin) / 1e9;
        long[] lat = new long[sent];
        int n = 0, lost = 0, ackedN = 0;
        for (int i = firstMeasured; i < sent; i++) {
            boolean ak = acked.get(i) == 1;
            if (ak) ackedN++;
            if (latency[i] >= 0) lat[n++] = latency[i];
            else if (ak) lost++;
        }
        // where the lost ones were: by tenth of the send window and by designated receiver connection
        int[] lostByTenth = new int[10];
        Map<Integer, Integer> lostByConn = new TreeMap<>();
        for (int i = firstMeasured; i < sent; i++) {
            if (acked.get(i) == 1 && latency[i] < 0) {
                lostByTenth[(int) Math.min(9, (long) (i - firstMeasured) * 10 / Math.max(1, sent - firstMeasured))]++;
                lostByConn.merge(designated[i], 1, Integer::sum);
            }
        }
        if (staleAcks.get() > 0) System.err.println("acks answering an older message (idempotent replay): " + staleAcks.get());
        if (lost > 0) System.err.println("lost by tenth of run " + Arrays.toString(lostByTenth) + ", by receiver conn " + lostByConn);
        // where the time goes: client hand-off -> server commit, and server commit -> ack back at the client
        long[] tc = new long[sent], ca = new long[sent];
        int k = 0;
        for (int i = firstMeasured; i < sent; i++) if (toCommit[i] != Long.MIN_VALUE) { tc[k] = toCommit[i]; ca[k] = commitToAck[i]; k++; }
        tc = Arrays.copyOf(tc, k); ca = Arrays.copyOf(ca, k);
        Arrays.sort(tc); Arrays.sort(ca);
        if (k > 0) System.err.printf(Locale.ROOT, "split: send->commit p50 %d ms p99 %d ms; commit->ack p50 %d ms p99 %d ms%n",
                tc[k / 2], tc[(int) (0.99 * (k - 1))], ca[k / 2], ca[(int) (0.99 * (k - 1))]);
        long[] l = Arrays.copyOf(lat, n);
        Arrays.sort(l);
        double p50 = n > 0 ? l[(int) (0.50 * (n - 1))] / 1e6 : Double.NaN;
        double p99 = n > 0 ? l[(int) (0.99 * (n - 1))] / 1e6 : Double.NaN;
        double max = n > 0 ? l[n - 1] / 1e6 : Double.NaN;
        for (Conn c : cs) { try { c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS); } catch (Exception e) { } }
        // machine-readable line for chat.sh
        System.out.printf(Locale.ROOT, "RESULT offered=%d shed=%d sent=%d acked=%d errors=%d received=%d recovered=%d resyncs=%d lost=%d send_secs=%.1f msg_per_s=%.0f frames_per_s=%.0f fanout=%.1f p50=%.1f p99=%.1f max=%.1f errcodes=%s%n",
                offered, shed, sent - firstMeasured, ackedN, errors.get(), n, recovered.get(), resyncs.get(), lost, sendSecs, n / sendSecs, framesDelivered.get() / totalSecs,
                sent > 0 ? (double) framesDelivered.get() / sent : 0, p50, p99, max, errorCodes);
        exec.shutdownNow();
        System.exit(0);
    }
}
