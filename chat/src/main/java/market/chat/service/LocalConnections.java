package market.chat.service;

import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** The WebSocket connections open on this replica, by user. */
@ApplicationScoped
public class LocalConnections {

    private static final Logger LOG = Logger.getLogger(LocalConnections.class);

    private final Map<String, Set<WebSocketConnection>> byUser = new ConcurrentHashMap<>();

    /** @return true when this is the user's first connection here */
    public boolean add(String userId, WebSocketConnection connection) {
        boolean[] first = {false};
        byUser.compute(userId, (k, set) -> {
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
                first[0] = true;
            }
            set.add(connection);
            return set;
        });
        return first[0];
    }

    /** @return true when the user has no connection here any more */
    public boolean remove(String userId, WebSocketConnection connection) {
        boolean[] last = {false};
        byUser.computeIfPresent(userId, (k, set) -> {
            set.remove(connection);
            if (set.isEmpty()) {
                last[0] = true;
                return null;
            }
            return set;
        });
        return last[0];
    }

    public boolean isConnected(String userId) {
        return byUser.containsKey(userId);
    }

    public Set<String> users() {
        return Set.copyOf(byUser.keySet());
    }

    /** Sends a frame to every local connection, without waiting. */
    public void deliverAll(String frame) {
        deliver(byUser.keySet(), frame);
    }

    /** Sends a frame to every local connection of the given users, without waiting. */
    public void deliver(Collection<String> userIds, String frame) {
        for (String userId : userIds) {
            Set<WebSocketConnection> set = byUser.get(userId);
            if (set == null) {
                continue;
            }
            for (WebSocketConnection c : set) {
                if (c.isOpen()) {
                    c.sendText(frame)
                            .subscribe()
                            .with(
                                    ok -> {},
                                    failure -> LOG.debugf(
                                            "Frame to a closing connection of %s dropped: %s",
                                            userId, failure.getMessage()));
                }
            }
        }
    }
}
