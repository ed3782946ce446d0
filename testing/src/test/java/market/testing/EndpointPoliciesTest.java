package market.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointPoliciesTest {

    @Path("/mixed")
    public static class Mixed {
        @GET
        @PermitAll
        public String open() {
            return "";
        }

        @POST
        public String forgotten() {
            return "";
        }

        @DELETE
        @RolesAllowed("admin")
        public void admin() {}

        public void notAnEndpoint() {}
    }

    @Path("/guarded")
    @Authenticated
    public static class Guarded {
        @GET
        public String get() {
            return "";
        }
    }

    @Path("/remote")
    public interface RemoteClient {
        @GET
        String call();
    }

    @Test
    void clientInterfacesAreNotEndpoints() {
        assertEquals(List.of(), EndpointPolicies.unprotected(RemoteClient.class));
    }

    @Test
    void reportsEveryEndpointWithoutAPolicy() {
        assertEquals(List.of(Mixed.class.getName() + "#forgotten"), EndpointPolicies.unprotected(Mixed.class));
    }

    @Test
    void classLevelPolicyCoversItsMethods() {
        assertEquals(List.of(), EndpointPolicies.unprotected(Guarded.class));
    }
}
