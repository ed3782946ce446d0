package market.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One realm: the chart imports the local stack's realm JSON, minus what only belongs to dev. */
class KeycloakRealmTest {

    static JsonNode realm(String valueSet, Map<String, Object> sets) throws Exception {
        List<JsonNode> objects = Chart.parseAll(Chart.template(valueSet, sets));
        String json = Chart.get(objects, "Secret", "keycloak-realm").path("stringData").path("market-realm.json").asText();
        return Chart.JSON.readTree(json);
    }

    static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void chartRealmIsACopyOfTheLocalRealm() throws Exception {
        assertEquals(Files.readString(Repo.REALM), Files.readString(Repo.CHART.resolve("files/market-realm.json")),
                "helm/ddangn-market/files/market-realm.json must equal local/keycloak/market-realm.json: cp local/keycloak/market-realm.json helm/ddangn-market/files/");
    }

    @Test
    void productionRealmHasNoDemoUsersNorTestClient() throws Exception {
        JsonNode source = Chart.JSON.readTree(Repo.REALM.toFile());
        JsonNode realm = realm("production", Map.of());
        assertEquals(List.of("service-account-product-service", "service-account-chat-service"), names(realm.path("users"), "username"));
        assertFalse(names(realm.path("clients"), "clientId").contains("market-test"));
        List<String> expectedClients = new ArrayList<>(names(source.path("clients"), "clientId"));
        expectedClients.remove("market-test");
        assertEquals(expectedClients, names(realm.path("clients"), "clientId"));
        // everything else is the local realm unchanged
        assertEquals(source.path("roles"), realm.path("roles"));
        assertEquals(source.path("registrationAllowed"), realm.path("registrationAllowed"));
        assertEquals(source.path("accessTokenLifespan").asInt(), realm.path("accessTokenLifespan").asInt());
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals("market-web")) {
                assertEquals("[\"https://market.example.com/*\"]", c.path("redirectUris").toString());
                assertEquals("https://market.example.com", c.path("rootUrl").asText());
                assertEquals("https://market.example.com/*", c.path("attributes").path("post.logout.redirect.uris").asText());
                assertEquals("S256", c.path("attributes").path("pkce.code.challenge.method").asText(), "PKCE stays on");
            }
            if (c.path("clientId").asText().endsWith("-service")) {
                assertFalse(c.path("secret").asText().contains("local"), "production must not ship the local client secrets");
            }
        }
    }

    @Test
    void trialRealmKeepsDemoUsersAndTestClient() throws Exception {
        JsonNode source = Chart.JSON.readTree(Repo.REALM.toFile());
        JsonNode realm = realm("trial", Map.of());
        assertEquals(names(source.path("users"), "username"), names(realm.path("users"), "username"));
        assertEquals(names(source.path("clients"), "clientId"), names(realm.path("clients"), "clientId"));
        assertEquals(source.path("users"), realm.path("users"));
    }

    @Test
    void serviceClientSecretsComeFromValues() throws Exception {
        JsonNode realm = realm("default", Map.of("product.oidcClientSecret", "p-secret", "chat.oidcClientSecret", "c-secret"));
        for (JsonNode c : realm.path("clients")) {
            switch (c.path("clientId").asText()) {
                case "product-service" -> assertEquals("p-secret", c.path("secret").asText());
                case "chat-service" -> assertEquals("c-secret", c.path("secret").asText());
                default -> {
                }
            }
        }
        List<JsonNode> objects = Chart.render("default");
        assertEquals(Chart.get(objects, "Secret", "product-secrets").path("stringData").path("quarkus.oidc-client.credentials.secret").asText(),
                "change-me-product-service");
    }

    @Test
    void keycloakRunsBehindTheIngressAtAuthWithThePublicIssuer() {
        List<JsonNode> objects = Chart.render("production");
        JsonNode c = Chart.get(objects, "StatefulSet", "keycloak").path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> env = HelmChartTest.env(c);
        assertEquals("/auth", env.get("KC_HTTP_RELATIVE_PATH"));
        assertEquals("https://market.example.com/auth", env.get("KC_HOSTNAME"));
        assertEquals("xforwarded", env.get("KC_PROXY_HEADERS"));
        assertEquals("true", env.get("KC_HOSTNAME_BACKCHANNEL_DYNAMIC"));
        assertEquals("postgres.db.example.internal", env.get("KC_DB_URL_HOST"));
        assertEquals("?sslmode=require", env.get("KC_DB_URL_PROPERTIES"), "same TLS settings as the services' JDBC URLs");
        assertTrue(c.path("args").toString().contains("--import-realm"));
        boolean importMounted = false;
        for (JsonNode m : c.path("volumeMounts")) {
            importMounted |= m.path("mountPath").asText().equals("/opt/keycloak/data/import");
        }
        assertTrue(importMounted);
        assertTrue(c.path("image").asText().startsWith("quay.io/keycloak/keycloak:26.5"));
    }
}
