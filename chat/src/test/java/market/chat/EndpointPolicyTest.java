package market.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import market.testing.EndpointMediaTypes;
import market.testing.EndpointPolicies;
import org.junit.jupiter.api.Test;

class EndpointPolicyTest {

    @Test
    void everyEndpointDeclaresItsSecurityPolicy() {
        List<String> missing = EndpointPolicies.unprotected(
                Path.of("target/classes"), getClass().getClassLoader());
        assertEquals(List.of(), missing, "endpoints without @RolesAllowed/@PermitAll/@Authenticated");
    }

    @Test
    void everyEndpointAnswersOnlyInTheApiFormats() {
        List<String> offenders = EndpointMediaTypes.offenders(
                Path.of("target/classes"), getClass().getClassLoader());
        assertEquals(List.of(), offenders, "endpoints that would negotiate other formats (e.g. text/html)");
    }

    @Test
    void theWebSocketEndpointIsChecked() {
        // The scanner also covers @WebSocket classes; prove ours carries a policy rather than being skipped.
        assertEquals(List.of(), EndpointPolicies.unprotected(market.chat.ws.ChatSocket.class));
    }
}
