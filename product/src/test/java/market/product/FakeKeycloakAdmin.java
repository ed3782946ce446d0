package market.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the two calls product makes to Keycloak's admin API ({@code DELETE} and {@code PUT
 * /users/{id}} under the realm's admin URL): records them with the caller's bearer token, answers 404 for a
 * user it deleted before (as Keycloak does), and can be switched "down" (503). What the real Keycloak does with
 * these calls (the user is gone, a disabled user's refresh fails, the service account may do nothing else) is
 * checked by the stack test (local/account-checks.sh) against the real Keycloak.
 */
public class FakeKeycloakAdmin implements QuarkusTestResourceLifecycleManager {

    /** A call: method, user id, body (null for DELETE) and the status answered. */
    public record Call(String method, String userId, JsonNode body, int status) {}

    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    public static final Set<String> GONE = ConcurrentHashMap.newKeySet();
    public static volatile boolean down;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/auth/admin/realms/market/users/";
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PREFIX, ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String id = ex.getRequestURI().getRawPath().substring(PREFIX.length());
            String method = ex.getRequestMethod();
            int status;
            if (down) {
                status = 503;
            } else if (auth == null || !auth.startsWith("Bearer ")) {
                status = 401;
            } else if (GONE.contains(id)) {
                status = 404;
            } else if (method.equals("DELETE")) {
                GONE.add(id);
                status = 204;
            } else if (method.equals("PUT")) {
                status = 204;
            } else {
                status = 405;
            }
            JsonNode json = body.length == 0 ? null : JSON.readTree(new String(body, StandardCharsets.UTF_8));
            if (!down) {
                CALLS.add(new Call(method, id, json, status));
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        return Map.of(
                "market.keycloak.admin-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/auth/admin/realms/market");
    }

    /** The calls with this method for this user. */
    public static List<Call> of(String method, String userId) {
        return CALLS.stream()
                .filter(c -> c.method().equals(method) && c.userId().equals(userId))
                .toList();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
