package market.notify.storage;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import market.common.db.Db;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The PostgreSQL channel that tells every replica whose inbox changed. {@link #announce} is called after the
 * change committed and only queues the target: one announcer thread sends what has queued meanwhile as one
 * NOTIFY (many targets per payload) in a transaction of its own. So the transactions that add inbox items
 * never call {@code pg_notify}, whose commit takes a lock every notifying commit in the cluster waits for;
 * under load one NOTIFY carries hundreds of targets. An announcement lost (this replica stops between the
 * commit and the NOTIFY, PostgreSQL is briefly unreachable, a listener reconnects) is made up for by the
 * catch-up poll of {@link market.notify.service.InboxFanout}.
 *
 * <p>{@link #listen} LISTENs on one dedicated connection (plain JDBC: it is held open for the listener's life,
 * outside any transaction) and hands each target it hears to the listener. A replica ignores its own
 * notifications; it woke its streams already.
 */
@ApplicationScoped
public class InboxChannel {

    static final String CHANNEL = "notify_inbox";
    private static final String INSTANCE = UUID.randomUUID().toString();
    private static final Logger LOG = Logger.getLogger(InboxChannel.class);

    /** PostgreSQL's payload limit is 8000 bytes; targets are user ids (UUIDs for Keycloak users). */
    static final int MAX_PAYLOAD = 7_500;

    private final Db db;
    private final AgroalDataSource dataSource;
    private final LinkedBlockingQueue<String> queued = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;
    private Thread announcer;

    public InboxChannel(Db db, AgroalDataSource dataSource) {
        this.db = db;
        this.dataSource = dataSource;
    }

    /** After a commit that changed the inbox of {@code target} (a user id, or a word for everyone). */
    public void announce(String target) {
        queued.add(target);
    }

    /** Starts the thread that sends the queued announcements, until {@link #stop}. */
    public void startAnnouncing(String everyone) {
        announcer = new Thread(() -> announceLoop(everyone), "inbox-announcer");
        announcer.setDaemon(true);
        announcer.start();
    }

    private void announceLoop(String everyone) {
        List<String> taken = new ArrayList<>();
        while (true) {
            try {
                taken.add(queued.take());
            } catch (InterruptedException e) {
                return;
            }
            queued.drainTo(taken);
            Set<String> targets = new LinkedHashSet<>(taken);
            taken.clear();
            try {
                for (String payload : payloads(targets, everyone)) {
                    db.single(
                            "SELECT count(*) AS n FROM (SELECT pg_notify(?, ?)) n",
                            r -> r.getLong("n"),
                            CHANNEL,
                            payload);
                }
            } catch (RuntimeException e) {
                // The other replicas' catch-up poll wakes those streams a little later.
                LOG.warnf(
                        "Could not announce %d inbox change(s) to the other replicas (%s)",
                        targets.size(), e.getMessage());
            }
        }
    }

    /** The NOTIFY payloads for these targets: this instance's id, then targets separated by spaces. */
    static List<String> payloads(Set<String> targets, String everyone) {
        if (targets.contains(everyone)) {
            return List.of(INSTANCE + " " + everyone);
        }
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder(INSTANCE);
        int bytes = INSTANCE.length();
        for (String t : targets) {
            int size = 1 + t.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_PAYLOAD && b.length() > INSTANCE.length()) {
                out.add(b.toString());
                b = new StringBuilder(INSTANCE);
                bytes = INSTANCE.length();
            }
            b.append(' ').append(t);
            bytes += size;
        }
        if (b.length() > INSTANCE.length()) {
            out.add(b.toString());
        }
        return out;
    }

    /** Starts listening on a thread of its own, reconnecting when the connection is lost, until {@link #stop}. */
    public void listen(Consumer<String> onTarget) {
        running = true;
        listener = new Thread(() -> run(onTarget), "inbox-fanout");
        listener.setDaemon(true);
        listener.start();
    }

    public void stop() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the LISTEN connection", e);
            }
        }
        if (listener != null) {
            listener.interrupt();
        }
        if (announcer != null) {
            announcer.interrupt();
        }
    }

    private void run(Consumer<String> onTarget) {
        while (running) {
            try (Connection c = dataSource.getConnection();
                    Statement st = c.createStatement()) {
                connection = c;
                st.execute("LISTEN " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            handle(n.getParameter(), onTarget);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                // Streams still get their own replica's items; other replicas' resume on reconnect.
                LOG.warnf("Inbox fan-out listener lost its connection (%s); reconnecting", e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                connection = null;
            }
        }
    }

    /** Hands the targets of a payload to the listener, unless this instance sent it. */
    static void handle(String payload, Consumer<String> onTarget) {
        String[] parts = payload.split(" ");
        if (parts.length < 2 || parts[0].equals(INSTANCE)) {
            return;
        }
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                onTarget.accept(parts[i]);
            }
        }
    }
}
