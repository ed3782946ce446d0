package market.notify.storage;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Consumer;
import market.common.db.Db;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The PostgreSQL channel that tells every replica whose inbox changed: {@link #announce} sends a NOTIFY in
 * the caller's transaction (delivered on commit only), and {@link #listen} LISTENs on one dedicated connection
 * (plain JDBC: it is held open for the listener's life, outside any transaction) and hands each target it hears
 * to the listener. A replica ignores its own notifications; it woke its streams already.
 */
@ApplicationScoped
public class InboxChannel {

    static final String CHANNEL = "notify_inbox";
    private static final String INSTANCE = UUID.randomUUID().toString();
    private static final Logger LOG = Logger.getLogger(InboxChannel.class);

    private final Db db;
    private final AgroalDataSource dataSource;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    public InboxChannel(Db db, AgroalDataSource dataSource) {
        this.db = db;
        this.dataSource = dataSource;
    }

    /** Within the transaction that changed the inbox of {@code target} (a user id, or a word for everyone). */
    public void announce(String target) {
        db.single(
                "SELECT count(*) AS n FROM (SELECT pg_notify(?, ?)) n",
                r -> r.getLong("n"),
                CHANNEL,
                INSTANCE + " " + target);
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

    private static void handle(String payload, Consumer<String> onTarget) {
        int space = payload.indexOf(' ');
        if (space < 0 || payload.substring(0, space).equals(INSTANCE)) {
            return;
        }
        onTarget.accept(payload.substring(space + 1));
    }
}
