import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fake FCM for the benches (JDK only): java bench/FakeFcmServer.java PORT MAX_SECONDS [DEAD_MARKER [LOOPS]].
 * POST /v1/projects/{p}/messages:send -> 200 {"name":"projects/p/messages/N"}, or, when the message's token
 * contains DEAD_MARKER, 404 UNREGISTERED as FCM answers for an uninstalled app;
 * POST|DELETE /v1/projects/{p}/registrations/{token}/topicSubscriptions[...] -> 200 {};
 * GET /_stats -> "sends subs other unregistered first last" (sends counts every messages:send answered, 200 or
 * 404; first/last: epoch ms of the first send after the last GET /_mark and of the last send, 0 if none).
 * Exits by itself after MAX_SECONDS (bounded run).
 *
 * <p>HTTP/1.1 with keep-alive and pipelining over NIO (LOOPS selector threads, default 2): what firebase-admin
 * speaks to a plain http:// endpoint (its Apache HttpClient 5 transport negotiates HTTP/2 only through TLS
 * ALPN). Content-Length and chunked request bodies are read; each answer goes out in one write.
 */
public class FakeFcmServer {
    static final LongAdder sends = new LongAdder(), subs = new LongAdder(), other = new LongAdder(),
            dead = new LongAdder();
    static byte[] deadMarker;
    static final java.util.concurrent.atomic.AtomicLong firstSend = new java.util.concurrent.atomic.AtomicLong();
    static volatile long lastSend;

    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]);
        long maxSecs = Long.parseLong(a[1]);
        deadMarker = a.length > 2 && !a[2].isEmpty() ? a[2].getBytes(StandardCharsets.UTF_8) : null;
        int loops = a.length > 3 ? Integer.parseInt(a[3]) : 2;
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        Loop[] workers = new Loop[loops];
        for (int i = 0; i < loops; i++) {
            workers[i] = new Loop();
            Thread t = new Thread(workers[i], "fcm-loop-" + i);
            t.setDaemon(true);
            t.start();
        }
        Thread acceptor = new Thread(() -> {
            int next = 0;
            while (true) {
                try {
                    SocketChannel c = server.accept();
                    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    workers[next++ % workers.length].add(c);
                } catch (IOException e) {
                    System.err.println("accept: " + e);
                }
            }
        }, "fcm-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        System.out.println("fake FCM on " + port + (deadMarker != null ? ", tokens with '" + a[2] + "' UNREGISTERED" : ""));
        Thread.sleep(maxSecs * 1000);
        System.exit(0);
    }

    /** One selector thread serving its share of the connections. */
    static final class Loop implements Runnable {
        final Selector selector;
        final Queue<SocketChannel> fresh = new ConcurrentLinkedQueue<>();

        Loop() throws IOException {
            selector = Selector.open();
        }

        void add(SocketChannel c) {
            fresh.add(c);
            selector.wakeup();
        }

        @Override
        public void run() {
            while (true) {
                try {
                    selector.select();
                    for (SocketChannel c; (c = fresh.poll()) != null; ) {
                        c.configureBlocking(false);
                        c.register(selector, SelectionKey.OP_READ, new Conn(c));
                    }
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey k = it.next();
                        it.remove();
                        Conn conn = (Conn) k.attachment();
                        try {
                            if (!k.isValid()) {
                                continue;
                            }
                            if (k.isWritable()) {
                                conn.flush(k);
                            }
                            if (k.isValid() && k.isReadable()) {
                                conn.read(k);
                            }
                        } catch (IOException | RuntimeException e) {
                            k.cancel();
                            try {
                                conn.ch.close();
                            } catch (IOException ignored) {
                                // closing anyway
                            }
                        }
                    }
                } catch (IOException e) {
                    System.err.println("select: " + e);
                }
            }
        }
    }

    static final class Conn {
        final SocketChannel ch;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        ByteBuffer out = ByteBuffer.allocate(16 * 1024);
        boolean closeAfter;

        Conn(SocketChannel ch) {
            this.ch = ch;
            out.flip();
        }

        void read(SelectionKey k) throws IOException {
            int n = ch.read(in);
            if (n < 0) {
                k.cancel();
                ch.close();
                return;
            }
            in.flip();
            ByteBuffer answers = null;
            while (true) {
                int consumed = handleOne(in);
                if (consumed == 0) {
                    break;
                }
                answers = append(answers, lastAnswer);
                in.position(in.position() + consumed);
            }
            in.compact();
            if (!in.hasRemaining()) {
                // a request larger than the buffer: grow
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            if (answers != null) {
                answers.flip();
                out.compact();
                if (out.remaining() < answers.remaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(out.position() + answers.remaining() + 1024);
                    out.flip();
                    bigger.put(out);
                    out = bigger;
                }
                out.put(answers);
                out.flip();
                flush(k);
            }
        }

        void flush(SelectionKey k) throws IOException {
            ch.write(out);
            if (out.hasRemaining()) {
                k.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } else {
                k.interestOps(SelectionKey.OP_READ);
                if (closeAfter) {
                    k.cancel();
                    ch.close();
                }
            }
        }

        private static ByteBuffer append(ByteBuffer to, byte[] b) {
            if (to == null) {
                to = ByteBuffer.allocate(Math.max(1024, b.length));
            } else if (to.remaining() < b.length) {
                ByteBuffer bigger = ByteBuffer.allocate(to.capacity() * 2 + b.length);
                to.flip();
                bigger.put(to);
                to = bigger;
            }
            return to.put(b);
        }

        byte[] lastAnswer;

        /**
         * Handles the request at the buffer's position if it is complete: sets {@link #lastAnswer} and returns
         * its length in bytes, or 0 when more bytes are needed.
         */
        int handleOne(ByteBuffer b) {
            int start = b.position(), end = b.limit();
            int headEnd = indexOf(b, start, end, CRLFCRLF);
            if (headEnd < 0) {
                return 0;
            }
            String head = new String(b.array(), start, headEnd - start, StandardCharsets.ISO_8859_1);
            int bodyStart = headEnd + 4;
            long contentLength = 0;
            boolean chunked = false;
            boolean close = false;
            int lineEnd = head.indexOf("\r\n");
            String requestLine = lineEnd < 0 ? head : head.substring(0, lineEnd);
            int from = lineEnd < 0 ? head.length() : lineEnd + 2;
            while (from < head.length()) {
                int e = head.indexOf("\r\n", from);
                if (e < 0) {
                    e = head.length();
                }
                int colon = head.indexOf(':', from);
                if (colon > 0 && colon < e) {
                    String name = head.substring(from, colon).trim();
                    String value = head.substring(colon + 1, e).trim();
                    if (name.equalsIgnoreCase("content-length")) {
                        contentLength = Long.parseLong(value);
                    } else if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase().contains("chunked")) {
                        chunked = true;
                    } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                        close = true;
                    }
                }
                from = e + 2;
            }
            int bodyEnd;
            int requestEnd;
            byte[] body;
            if (chunked) {
                java.io.ByteArrayOutputStream collected = new java.io.ByteArrayOutputStream();
                int p = bodyStart;
                while (true) {
                    int le = indexOf(b, p, end, CRLF);
                    if (le < 0) {
                        return 0;
                    }
                    String sizeLine = new String(b.array(), p, le - p, StandardCharsets.ISO_8859_1);
                    int semi = sizeLine.indexOf(';');
                    int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                    p = le + 2;
                    if (size == 0) {
                        // trailers (none expected) end with an empty line
                        int te = indexOf(b, p, end, CRLF);
                        if (te < 0) {
                            return 0;
                        }
                        while (te != p) {
                            p = te + 2;
                            te = indexOf(b, p, end, CRLF);
                            if (te < 0) {
                                return 0;
                            }
                        }
                        requestEnd = te + 2;
                        break;
                    }
                    if (end - p < size + 2) {
                        return 0;
                    }
                    collected.write(b.array(), p, size);
                    p += size + 2;
                }
                body = collected.toByteArray();
                bodyEnd = -1;
            } else {
                if (end - bodyStart < contentLength) {
                    return 0;
                }
                bodyEnd = bodyStart + (int) contentLength;
                requestEnd = bodyEnd;
                body = null;
            }
            int sp1 = requestLine.indexOf(' ');
            int sp2 = requestLine.indexOf(' ', sp1 + 1);
            String method = requestLine.substring(0, Math.max(0, sp1));
            String target = sp1 < 0 ? "" : requestLine.substring(sp1 + 1, sp2 < 0 ? requestLine.length() : sp2);
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            int status = 200;
            String text;
            if (path.equals("/_stats")) {
                text = sends.sum() + " " + subs.sum() + " " + other.sum() + " " + dead.sum() + " " + firstSend.get()
                        + " " + lastSend;
            } else if (path.equals("/_mark")) {
                firstSend.set(0);
                text = "{}";
            } else if (path.startsWith("/v1/projects/") && path.endsWith("/messages:send") && method.equals("POST")) {
                sends.increment();
                long now = System.currentTimeMillis();
                if (firstSend.get() == 0) {
                    firstSend.compareAndSet(0, now);
                }
                lastSend = now;
                boolean isDead = deadMarker != null
                        && (body != null
                                ? deadToken(ByteBuffer.wrap(body), 0, body.length)
                                : deadToken(b, bodyStart, bodyEnd));
                if (isDead) {
                    dead.increment();
                    status = 404;
                    text = "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\","
                            + "\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}";
                } else {
                    text = "{\"name\":\"projects/p/messages/" + sends.sum() + "\"}";
                }
            } else if (path.startsWith("/v1/projects/") && path.contains("/registrations/")
                    && path.contains("/topicSubscriptions")) {
                subs.increment();
                text = "{}";
            } else {
                other.increment();
                status = 404;
                text = "{\"error\":{\"code\":404,\"message\":\"unknown\",\"status\":\"NOT_FOUND\"}}";
            }
            if (close) {
                closeAfter = true;
            }
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            String headers = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found")
                    + "\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: " + payload.length
                    + (close ? "\r\nConnection: close" : "") + "\r\n\r\n";
            byte[] h = headers.getBytes(StandardCharsets.ISO_8859_1);
            byte[] answer = new byte[h.length + payload.length];
            System.arraycopy(h, 0, answer, 0, h.length);
            System.arraycopy(payload, 0, answer, h.length, payload.length);
            lastAnswer = answer;
            return requestEnd - start;
        }

        /** Whether the JSON body's "token" value contains the dead marker. */
        private static boolean deadToken(ByteBuffer b, int from, int to) {
            int t = indexOf(b, from, to, TOKEN);
            if (t < 0) {
                return false;
            }
            int vStart = indexOf(b, t + TOKEN.length, to, QUOTE);
            if (vStart < 0) {
                return false;
            }
            int vEnd = indexOf(b, vStart + 1, to, QUOTE);
            return vEnd >= 0 && indexOf(b, vStart + 1, vEnd, deadMarker) >= 0;
        }
    }

    static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
    static final byte[] CRLF = {'\r', '\n'};
    static final byte[] TOKEN = "\"token\":".getBytes(StandardCharsets.US_ASCII);
    static final byte[] QUOTE = {'"'};

    static int indexOf(ByteBuffer b, int from, int to, byte[] what) {
        byte[] a = b.array();
        int off = b.arrayOffset();
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (a[off + i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
