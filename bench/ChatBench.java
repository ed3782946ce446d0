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
 * args: seconds rate wsUrls (comma-separated, one per instance) restUrl roomsFile tokenDir tokenUrl
 * roomsFile: one line per room, "productId sellerName buyerName" — every room has its own two users; tokenDir holds
 * each user's token response (Keycloak JSON: access_token, refresh_token, expires_in) as &lt;name&gt;.json.
 * Like the apps: each user's access token is refreshed (refresh_token grant at tokenUrl, a password grant if that
 * fails) a minute before it expires and the connection is replaced by one with the fresh token before the old one
 * is closed (the server closes a connection whose token expired with 1008). A connection that closes or fails for
 * any other reason (a replica killed) is reconnected with a fresh token, to its own instance or else the next one,
 * its unacknowledged sends are resent with the same clientMsgId (the server stores each once), and the room is
 * caught up with after=&lt;last id seen&gt;. "unavailable" error frames are resent after a second. At the end every
 * connection that misses a message it should have got catches up once more over REST, so "lost" counts only
 * acknowledged messages the server does not have.
 * Each user holds one connection (as a phone or a browser tab does): connection i (room r's seller 2r, its buyer
 * 2r+1) on instance i mod n — with two instances every seller on A and every buyer on B — so a room's two users are
 * always on different instances and every message crosses Redis. The buyer opens the room (POST /api/chat/rooms).
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
    static long[] sentWall, toCommit, commitToAck, ackedId;
    static String restUrl;
    static final boolean DEBUG = Boolean.getBoolean("debug");
    static final AtomicInteger debugLeft = new AtomicInteger(8);
    static final Map<String, AtomicLong> errorCodes = new ConcurrentHashMap<>();

    static String[] wsUrls;
    static String tokenUrl;
    static java.nio.file.Path tokenDir;
    static final AtomicLong reconnects = new AtomicLong();
    static final AtomicLong rotations = new AtomicLong();
    static final AtomicLong refreshes = new AtomicLong();
    static final AtomicLong passwordGrants = new AtomicLong();
    static final AtomicLong resent = new AtomicLong();
    static final AtomicLong retried = new AtomicLong();
    static final AtomicLong closes = new AtomicLong();
    static final Map<String, AtomicLong> closeCodes = new ConcurrentHashMap<>();
    static final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    static volatile boolean stopping;
    static final Pattern ACCESS = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    static final Pattern REFRESH = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");
    static final Pattern EXPIRES = Pattern.compile("\"expires_in\":(\\d+)");
    static final Pattern ERR_CODE = Pattern.compile("\"code\":\"([^\"]*)\"");

    /** One user's connection (replaced on token refresh or after a close), its token and its unacknowledged sends. */
    static final class Conn {
        final int id, home;
        final String user;
        volatile int instance;
        volatile WebSocket ws;
        final ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
        final AtomicInteger inflight = new AtomicInteger();
        final AtomicLong lastSeen = new AtomicLong();
        /** seq -> the send frame, until its ack (or a final error) arrives: resent after a reconnect. */
        final ConcurrentSkipListMap<Integer, String> unacked = new ConcurrentSkipListMap<>();
        final AtomicBoolean reconnecting = new AtomicBoolean();
        /** The last id seen when the connection was lost: the catch-up after the reconnect starts there. */
        volatile long lostAt;
        long room;
        volatile String token, refresh;
        volatile long expiresAt; // ms
        /** When this user next refreshes its token and rotates its connection (ms): a minute before it expires. */
        volatile long renewAt;
        Conn(int id, String user, int instance) { this.id = id; this.user = user; this.instance = instance; this.home = instance; }

        /** Keycloak's token response: the tokens and when the access token expires. */
        void tokens(String json) {
            Matcher a = ACCESS.matcher(json), r = REFRESH.matcher(json), e = EXPIRES.matcher(json);
            if (!a.find() || !e.find()) throw new IllegalStateException("no token in " + json.substring(0, Math.min(200, json.length())));
            token = a.group(1);
            if (r.find()) refresh = r.group(1);
            // the token's own exp (the response may have been fetched minutes ago), else expires_in from now
            Matcher exp = Pattern.compile("\"exp\":(\\d+)").matcher(new String(
                    Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8));
            expiresAt = exp.find() ? 1000L * Long.parseLong(exp.group(1))
                    : System.currentTimeMillis() + 1000L * Long.parseLong(e.group(1));
            renewAt = expiresAt - 60_000;
        }

        /** A fresh access token: the refresh grant, else a password grant (the bench users' password is their name). */
        void renew() {
            // its own lock: seen() holds the connection's monitor on the HTTP client's threads, which this call needs
            synchronized (renewing) { renewOnce(); }
        }
        final Object renewing = new Object();
        private void renewOnce() {
            String body = refresh == null ? null : "grant_type=refresh_token&client_id=market-test&refresh_token=" + refresh;
            for (int attempt = 0; attempt < 2; attempt++) {
                if (body == null) {
                    body = "grant_type=password&client_id=market-test&username=" + user + "&password=" + user;
                    passwordGrants.incrementAndGet();
                }
                try {
                    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (res.statusCode() == 200) { tokens(res.body()); refreshes.incrementAndGet(); return; }
                    System.err.println("token for " + user + ": " + res.statusCode());
                } catch (Exception e) {
                    System.err.println("token for " + user + ": " + e);
                }
                body = null;
            }
        }

        /**
         * Opens a connection with the current token (to its own instance, else the other one), makes it the one
         * that sends, then retires the previous one (after a grace period for its last acks), catches the room
         * up and resends what was not acknowledged (after a close; a planned rotation loses nothing).
         */
        void connect(boolean afterClose) {
            int at = instance;
            for (int attempt = 0; !stopping; attempt++) {
                if (expiresAt - System.currentTimeMillis() < 30_000) renew();
                Socket s = new Socket(this);
                try {
                    WebSocket w = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                            .connectTimeout(Duration.ofSeconds(20)).buildAsync(URI.create(wsUrls[at]), s).get(30, TimeUnit.SECONDS);
                    s.self = w;
                    WebSocket old = ws;
                    ws = w;
                    instance = at;
                    if (old != null) {
                        Socket.retire(old);
                        timers.schedule(() -> { old.sendClose(WebSocket.NORMAL_CLOSURE, "rotated"); }, afterClose ? 0 : 5, TimeUnit.SECONDS);
                    }
                    if (afterClose) {
                        out.clear();
                        busy.set(false);
                        unacked.forEach((seq, frame) -> { resent.incrementAndGet(); out.add(frame); });
                        pump();
                        catchUp(lostAt);
                    }
                    return;
                } catch (Exception e) {
                    if (attempt % 10 == 0) System.err.println("conn " + id + " connect to " + wsUrls[at] + ": " + e);
                    // own instance, else the next one, alternately
                    at = attempt % 2 == 0 ? (home + 1) % wsUrls.length : home;
                    try { Thread.sleep(Math.min(2000, 200L * (attempt + 1))); } catch (InterruptedException ie) { return; }
                }
            }
        }

        /** The connection closed or failed unexpectedly: reconnect (once at a time) off the I/O thread. */
        void lost(WebSocket which, String why) {
            if (stopping || which != ws || !reconnecting.compareAndSet(false, true)) return;
            lostAt = lastSeen.get();
            reconnects.incrementAndGet();
            CompletableFuture.runAsync(() -> { try { connect(true); } finally { reconnecting.set(false); } }, reconnectPool);
        }

        /** A message for this connection, live or fetched after a resync: latency if it was the designated one. */
        synchronized void seen(String text, long now, boolean live) {
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
        CompletableFuture<Void> resync() {
            return catchUp(lastSeen.get());
        }

        /** Every message of the room after this id, page by page, from the instance this connection uses. */
        CompletableFuture<Void> catchUp(long after) {
            resyncs.incrementAndGet();
            String rest = wsUrls[instance].replaceFirst("^ws", "http").replaceFirst("/ws/chat$", "");
            HttpRequest req = HttpRequest.newBuilder(URI.create(rest + "/api/chat/rooms/" + room + "/messages?size=100&after=" + after))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
            return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenCompose(res -> {
                if (res.statusCode() != 200) { System.err.println("catch-up of conn " + id + ": " + res.statusCode()); return CompletableFuture.completedFuture(null); }
                seen(res.body(), System.nanoTime(), false);
                long last = after;
                Matcher m = MSG_ID.matcher(res.body());
                while (m.find()) last = Math.max(last, Long.parseLong(m.group(1)));
                if (res.body().contains("\"nextCursor\":\"") && last > after) return catchUp(last);
                return CompletableFuture.<Void>completedFuture(null);
            }).exceptionally(e -> { System.err.println("catch-up of conn " + id + ": " + e); return null; });
        }

        void send(int seq, String frame) { unacked.put(seq, frame); out.add(frame); pump(); }
        void pump() {
            while (!out.isEmpty() && busy.compareAndSet(false, true)) {
                String s = out.poll();
                if (s == null) { busy.set(false); continue; }
                WebSocket w = ws;
                w.sendText(s, true).whenComplete((x, e) -> {
                    // a send on a connection that just failed stays unacked and is resent after the reconnect
                    busy.set(false);
                    if (e == null) pump();
                });
                return;
            }
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
                        if (unacked.remove(s) == null) return; // a second ack of a resent message
                        acked.set(s, 1);
                        Matcher mid = MSG_ID.matcher(f);
                        if (mid.find()) ackedId[s] = Long.parseLong(mid.group(1));
                        ackCount.incrementAndGet();
                        inflight.decrementAndGet();
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
                }
                case "error" -> {
                    Matcher m = ERR_CODE.matcher(f);
                    String code = m.find() ? m.group(1) : "?";
                    Matcher id = CMID.matcher(f);
                    Integer s = id.find() ? Integer.valueOf(id.group(1)) : null;
                    if (s != null && "unavailable".equals(code) && !stopping) {
                        // as the apps do: resend the same clientMsgId shortly (it is stored once)
                        String frame = unacked.get(s);
                        if (frame != null) {
                            retried.incrementAndGet();
                            timers.schedule(() -> { out.add(frame); pump(); }, 1, TimeUnit.SECONDS);
                            return;
                        }
                    }
                    if (s != null && unacked.remove(s) == null) return;
                    errors.incrementAndGet();
                    inflight.decrementAndGet();
                    errorCodes.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
                }
                default -> { }
            }
        }
    }

    static final ExecutorService reconnectPool = Executors.newFixedThreadPool(8);

    /** One WebSocket of a connection: its own frame buffer; a retired one (rotated out) no longer triggers reconnects. */
    static final class Socket implements WebSocket.Listener {
        static final Set<WebSocket> RETIRED = ConcurrentHashMap.newKeySet();
        final Conn c;
        final StringBuilder buf = new StringBuilder();
        volatile WebSocket self;
        Socket(Conn c) { this.c = c; }
        static void retire(WebSocket w) { RETIRED.add(w); }
        @Override public void onOpen(WebSocket webSocket) { webSocket.request(1); }
        @Override public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            buf.append(data);
            if (last) {
                String f = buf.toString();
                buf.setLength(0);
                c.handle(f, now);
            }
            webSocket.request(1);
            return null;
        }
        @Override public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
            if (!RETIRED.remove(webSocket) && !stopping) {
                closes.incrementAndGet();
                closeCodes.computeIfAbsent(code + " " + reason, k -> new AtomicLong()).incrementAndGet();
                c.lost(webSocket, "closed " + code + " " + reason);
            }
            return null;
        }
        @Override public void onError(WebSocket webSocket, Throwable error) {
            if (!RETIRED.remove(webSocket) && !stopping) {
                closes.incrementAndGet();
                closeCodes.computeIfAbsent(error.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                c.lost(webSocket, "error " + error);
            }
        }
    }

    public static void main(String[] a) throws Exception {
        int secs = Integer.parseInt(a[0]), rate = Integer.parseInt(a[1]);
        int cap = Integer.parseInt(System.getProperty("inflight", "16"));
        String[] ws = a[2].split(",");
        wsUrls = ws;
        String rest = a[3];
        tokenDir = java.nio.file.Path.of(a[5]);
        tokenUrl = a[6];
        java.nio.file.Path marks = System.getProperty("marks") == null ? null : java.nio.file.Path.of(System.getProperty("marks"));
        List<String[]> roomLines = new ArrayList<>();
        for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of(a[4]))) if (!l.isBlank()) roomLines.add(l.trim().split("\\s+"));
        int rooms = roomLines.size(), conns = 2 * rooms;

        ExecutorService exec = Executors.newFixedThreadPool(4);
        restUrl = rest;
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(exec).connectTimeout(Duration.ofSeconds(5)).build();

        // users: seller of room r = connection 2r, its buyer = 2r+1; connection i on instance i mod n (so a room's
        // two users are on different instances for any n >= 2); tokens from tokenDir
        Conn[] cs = new Conn[conns];
        for (int i = 0; i < conns; i++) {
            String user = roomLines.get(i / 2)[1 + i % 2];
            cs[i] = new Conn(i, user, i % ws.length);
            cs[i].tokens(java.nio.file.Files.readString(tokenDir.resolve(user + ".json")));
        }
        // rooms: the buyer opens (or gets back) its room on the seller's listing; idempotent across runs
        long[] roomId = new long[rooms];
        List<CompletableFuture<Void>> opening = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            final int room = r;
            HttpRequest req = HttpRequest.newBuilder(URI.create(rest + "/api/chat/rooms"))
                    .header("Authorization", "Bearer " + cs[2 * r + 1].token).header("Content-Type", "application/json")
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
        // then rampSecs (not measured either) from the warm-up rate up to the measured one: a step from one to the
        // other measures how fast the replicas' pools and JIT catch up, not the warm service at that rate
        int rampSecs = Integer.parseInt(System.getProperty("ramp", "0"));
        int maxMsgs = (int) Math.min(50_000_000L, (long) rate * secs + (long) warmRateArg * warmSecs
                + (long) (rate + warmRateArg) * rampSecs / 2 + 1000);
        designated = new int[maxMsgs];
        sentWall = new long[maxMsgs];
        ackedId = new long[maxMsgs];
        toCommit = new long[maxMsgs];
        commitToAck = new long[maxMsgs];
        Arrays.fill(toCommit, Long.MIN_VALUE);
        latency = new long[maxMsgs];
        Arrays.fill(latency, -1);
        acked = new AtomicIntegerArray(maxMsgs);

        // connections: 2r = seller of room r, 2r+1 = its buyer, each on instance (connection mod n)
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            Conn c = cs[i];
            c.room = roomId[i / 2];
            pending.add(CompletableFuture.runAsync(() -> c.connect(false), reconnectPool));
            if (pending.size() >= 50) { for (var f : pending) f.get(60, TimeUnit.SECONDS); pending.clear(); }
        }
        for (var f : pending) f.get(60, TimeUnit.SECONDS);
        System.err.printf("%d connections open in %.1f s%n", conns, (System.nanoTime() - t0) / 1e9);
        // each user refreshes its token a minute before it expires and moves to a connection that carries it.
        // The bench signed everyone in within seconds, so all tokens expire together and every rotation would fall
        // into the same minute; a real population signed in at different times. ROTATE=spread (default): each
        // user's first refresh is at a uniformly random point of its token's life before that minute (so the
        // rotations then run at the steady rate of users/(lifetime - 60 s)); ROTATE=together: all at once.
        if (!"together".equals(System.getenv().getOrDefault("ROTATE", "spread"))) {
            Random rnd = new Random(42);
            long now = System.currentTimeMillis();
            for (Conn c : cs) c.renewAt = now + (long) (rnd.nextDouble() * Math.max(0, c.renewAt - now));
        }
        timers.scheduleWithFixedDelay(() -> {
            for (Conn c : cs) {
                if (!stopping && System.currentTimeMillis() >= c.renewAt && c.reconnecting.compareAndSet(false, true)) {
                    reconnectPool.execute(() -> {
                        try { c.renew(); rotations.incrementAndGet(); c.connect(false); } finally { c.reconnecting.set(false); }
                    });
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        Thread.sleep(1000);

        // open-loop sender at `rate` msg/s; a connection holds at most `cap` unacknowledged sends, offers beyond
        // that are shed (counted) instead of queueing without bound in the client
        // warm-up (JIT, pools, caches) at warmupRate; only what is sent after it is measured
        // (warmupRate, default the measured rate; chat.sh passes its own default: the JIT of both server JVMs is still compiling for a minute or
        // more after start, so a long warm-up at a rate the cold servers can carry measures the warm service)
        int warm = warmSecs, warmRate = warmRateArg;
        int seq = 0, firstMeasured = -1;
        long offered = 0, shed = 0, offeredWarm = 0, shedWarm = 0;
        long begin = System.nanoTime(), start = begin + (warm + rampSecs) * 1_000_000_000L, end = start + secs * 1_000_000_000L;
        while (System.nanoTime() < end && seq < maxMsgs) {
            long now = System.nanoTime();
            if (firstMeasured < 0 && now >= start) {
                firstMeasured = seq; offeredWarm = offered; shedWarm = shed;
                if (marks != null) java.nio.file.Files.writeString(marks.resolve("start"), Integer.toString(seq));
            }
            double t = (now - begin) / 1e9;
            long due;
            if (t < warm) due = (long) (t * warmRate);
            else if (t < warm + rampSecs) {
                double u = t - warm;
                due = (long) (warm * (double) warmRate + u * warmRate + (rate - warmRate) * u * u / (2.0 * rampSecs));
            } else due = (long) (warm * (double) warmRate + rampSecs * (warmRate + rate) / 2.0 + (t - warm - rampSecs) * rate);
            while (offered < due && seq < maxMsgs) {
                long o = offered++;
                int r = (int) (o % rooms);
                boolean fromSeller = (o / rooms) % 2 == 0;
                Conn sender = cs[2 * r + (fromSeller ? 0 : 1)], recv = cs[2 * r + (fromSeller ? 1 : 0)];
                if (sender.inflight.get() >= cap) { shed++; continue; }
                designated[seq] = recv.id;
                sentWall[seq] = System.currentTimeMillis();
                sender.inflight.incrementAndGet();
                sender.send(seq, "{\"type\":\"send\",\"roomId\":" + roomId[r] + ",\"content\":\"b:" + RUN + ":" + seq + ":" + System.nanoTime()
                        + "\",\"clientMsgId\":\"m" + RUN + "-" + seq + "\"}");
                seq++;
            }
            Thread.sleep(1);
        }
        double sendSecs = (System.nanoTime() - start) / 1e9;
        int sent = seq;
        if (marks != null) java.nio.file.Files.writeString(marks.resolve("end"), Integer.toString(seq));
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
        // what is still missing (a receiver that reconnected late, a frame lost with a replica): one more catch-up
        // per connection that misses an acknowledged message, so "lost" is what the server does not have
        long caughtBefore = recovered.get();
        Map<Integer, Long> missing = new TreeMap<>(); // receiver -> the lowest id it misses
        for (int i = firstMeasured; i < sent; i++) if (acked.get(i) == 1 && latency[i] < 0) missing.merge(designated[i], ackedId[i], Math::min);
        List<CompletableFuture<Void>> finals = new ArrayList<>();
        for (var e : missing.entrySet()) finals.add(cs[e.getKey()].catchUp(Math.max(0, e.getValue() - 1)));
        for (var f : finals) { try { f.get(60, TimeUnit.SECONDS); } catch (Exception e) { System.err.println("final catch-up: " + e); } }
        long finalCatchUp = recovered.get() - caughtBefore;
        stopping = true;
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
        // when the tail happens: latency by 5 s of the measured window (by send time), so a stall of every part
        // at once (a few slow seconds) shows apart from a tail spread over the whole minute
        if (sent > firstMeasured) {
            long w0 = sentWall[firstMeasured];
            Map<Long, List<long[]>> bySlice = new TreeMap<>();
            for (int i = firstMeasured; i < sent; i++) {
                if (latency[i] < 0) continue;
                bySlice.computeIfAbsent((sentWall[i] - w0) / 5000, x -> new ArrayList<>())
                        .add(new long[] {latency[i], toCommit[i] == Long.MIN_VALUE ? -1 : toCommit[i]});
            }
            StringBuilder tl = new StringBuilder("latency by 5 s (e2e p50/p99/max ms, send->commit p99 ms):");
            for (var e : bySlice.entrySet()) {
                long[] e2e = e.getValue().stream().mapToLong(x -> x[0]).sorted().toArray();
                long[] com = e.getValue().stream().mapToLong(x -> x[1]).filter(x -> x >= 0).sorted().toArray();
                tl.append(String.format(Locale.ROOT, " %ds %d/%d/%d/%d", e.getKey() * 5, e2e[e2e.length / 2] / 1_000_000,
                        e2e[(int) (0.99 * (e2e.length - 1))] / 1_000_000, e2e[e2e.length - 1] / 1_000_000,
                        com.length == 0 ? -1 : com[(int) (0.99 * (com.length - 1))]));
            }
            System.err.println(tl);
        }
        long[] l = Arrays.copyOf(lat, n);
        Arrays.sort(l);
        double p50 = n > 0 ? l[(int) (0.50 * (n - 1))] / 1e6 : Double.NaN;
        double p99 = n > 0 ? l[(int) (0.99 * (n - 1))] / 1e6 : Double.NaN;
        double max = n > 0 ? l[n - 1] / 1e6 : Double.NaN;
        for (Conn c : cs) { try { c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS); } catch (Exception e) { } }
        // machine-readable line for chat.sh
        System.err.printf("connections: closes %d %s, reconnects %d, token refreshes %d (password grants %d), rotations %d, sends resent %d, unavailable retried %d, caught up at the end %d%n",
                closes.get(), closeCodes, reconnects.get(), refreshes.get(), passwordGrants.get(), rotations.get(), resent.get(), retried.get(), finalCatchUp);
        System.out.printf(Locale.ROOT, "RESULT offered=%d shed=%d sent=%d acked=%d errors=%d received=%d recovered=%d resyncs=%d lost=%d send_secs=%.1f msg_per_s=%.0f frames_per_s=%.0f fanout=%.1f p50=%.1f p99=%.1f max=%.1f closes=%d reconnects=%d rotations=%d resent=%d final_catchup=%d errcodes=%s%n",
                offered, shed, sent - firstMeasured, ackedN, errors.get(), n, recovered.get(), resyncs.get(), lost, sendSecs, n / sendSecs, framesDelivered.get() / totalSecs,
                sent > 0 ? (double) framesDelivered.get() / sent : 0, p50, p99, max, closes.get(), reconnects.get(), rotations.get(), resent.get(), finalCatchUp, errorCodes);
        exec.shutdownNow();
        System.exit(0);
    }
}
