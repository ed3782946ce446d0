package market.notify.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes the inbox streams on every replica: the transaction that adds inbox items also sends a PostgreSQL
 * NOTIFY (delivered on commit only), and each replica LISTENs on one dedicated connection and wakes its
 * streams of that user. A replica ignores its own notifications; it woke its streams already.
 */
@ApplicationScoped
public class InboxFanout {

    static final String CHANNEL = "notify_inbox";
    static final String EVERYONE = "*";
    private static final String INSTANCE = UUID.randomUUID().toString();
    private static final Logger LOG = Logger.getLogger(InboxFanout.class);

    private final AgroalDataSource dataSource;
    private final InboxStreams streams;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    public InboxFanout(AgroalDataSource dataSource, InboxStreams streams) {
        this.dataSource = dataSource;
        this.streams = streams;
    }

    /** Within the transaction that added inbox items for {@code userId} (or {@link #EVERYONE}). */
    static void announce(EntityManager em, String userId) {
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_notify(?1, ?2)) n")
                .setParameter(1, CHANNEL)
                .setParameter(2, INSTANCE + " " + userId)
                .getSingleResult();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        listener = new Thread(this::listen, "inbox-fanout");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the LISTEN connection", e);
            }
        }
        listener.interrupt();
    }

    private void listen() {
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
                            handle(n.getParameter());
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

    private void handle(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0 || payload.substring(0, space).equals(INSTANCE)) {
            return;
        }
        String target = payload.substring(space + 1);
        if (EVERYONE.equals(target)) {
            streams.wakeAll();
        } else {
            streams.wake(target);
        }
    }
}
