package market.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import market.testing.EndpointPolicies;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;

class EndpointPolicyTest {

    @Test
    void everyEndpointDeclaresItsSecurityPolicy() {
        List<String> missing = EndpointPolicies.unprotected(Path.of("target/classes"), getClass().getClassLoader())
                .stream().filter(endpoint -> !isRestClient(endpoint)).toList();
        assertEquals(List.of(), missing, "endpoints without @RolesAllowed/@PermitAll/@Authenticated");
    }

    @Test
    void theWebSocketEndpointIsChecked() {
        // The scanner also covers @WebSocket classes; prove ours carries a policy rather than being skipped.
        assertEquals(List.of(), EndpointPolicies.unprotected(market.chat.ws.ChatSocket.class));
    }

    /** Outgoing REST client interfaces carry @Path too, but they are calls we make, not endpoints we serve. */
    private static boolean isRestClient(String endpoint) {
        String type = endpoint.contains("#") ? endpoint.substring(0, endpoint.indexOf('#')) : endpoint;
        try {
            return Class.forName(type).isAnnotationPresent(RegisterRestClient.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
