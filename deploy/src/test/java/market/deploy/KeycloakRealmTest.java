package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** One realm: the chart imports the local stack's realm JSON, minus what only belongs to dev. */
class KeycloakRealmTest {

    static JsonNode realm(String valueSet, Map<String, Object> sets) throws Exception {
        List<JsonNode> objects = Chart.parseAll(Chart.template(valueSet, sets));
        String json = Chart.get(objects, "Secret", "keycloak-realm")
                .path("stringData")
                .path("market-realm.json")
                .asText();
        return Chart.JSON.readTree(json);
    }

    static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void chartRealmIsACopyOfTheLocalRealm() throws Exception {
        assertEquals(
                Files.readString(Repo.REALM),
                Files.readString(Repo.CHART.resolve("files/market-realm.json")),
                "helm/ddangn-market/files/market-realm.json must equal local/keycloak/market-realm.json: cp local/keycloak/market-realm.json helm/ddangn-market/files/");
    }

    @Test
    void productionRealmHasNoDemoUsersNorTestClient() throws Exception {
        JsonNode source = Chart.JSON.readTree(Repo.REALM.toFile());
        JsonNode realm = realm("production", Map.of());
        assertEquals(
                List.of("service-account-product-service", "service-account-chat-service"),
                names(realm.path("users"), "username"));
        assertFalse(names(realm.path("clients"), "clientId").contains("market-test"));
        List<String> expectedClients = new ArrayList<>(names(source.path("clients"), "clientId"));
        expectedClients.remove("market-test");
        assertEquals(expectedClients, names(realm.path("clients"), "clientId"));
        // everything else is the local realm unchanged
        assertEquals(source.path("roles"), realm.path("roles"));
        assertEquals(source.path("registrationAllowed"), realm.path("registrationAllowed"));
        assertEquals(
                source.path("accessTokenLifespan").asInt(),
                realm.path("accessTokenLifespan").asInt());
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals("market-web")) {
                assertEquals(
                        "[\"https://market.example.com/*\"]",
                        c.path("redirectUris").toString());
                assertEquals("https://market.example.com", c.path("rootUrl").asText());
                assertEquals(
                        "https://market.example.com/*",
                        c.path("attributes").path("post.logout.redirect.uris").asText());
                assertEquals(
                        "S256",
                        c.path("attributes").path("pkce.code.challenge.method").asText(),
                        "PKCE stays on");
            }
            if (c.path("clientId").asText().endsWith("-service")) {
                assertFalse(
                        c.path("secret").asText().contains("local"),
                        "production must not ship the local client secrets");
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
        JsonNode realm =
                realm("default", Map.of("product.oidcClientSecret", "p-secret", "chat.oidcClientSecret", "c-secret"));
        for (JsonNode c : realm.path("clients")) {
            switch (c.path("clientId").asText()) {
                case "product-service" ->
                    assertEquals("p-secret", c.path("secret").asText());
                case "chat-service" -> assertEquals("c-secret", c.path("secret").asText());
                default -> {}
            }
        }
        List<JsonNode> objects = Chart.render("default");
        assertEquals(
                Chart.get(objects, "Secret", "product-secrets")
                        .path("stringData")
                        .path("quarkus.oidc-client.credentials.secret")
                        .asText(),
                "change-me-product-service");
    }

    @Test
    void keycloakRunsBehindTheIngressAtAuthWithThePublicIssuer() {
        List<JsonNode> objects = Chart.render("production");
        JsonNode c = Chart.get(objects, "StatefulSet", "keycloak")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        Map<String, String> env = HelmChartTest.env(c);
        assertEquals("https://market.example.com/auth", env.get("KC_HOSTNAME"));
        assertEquals("xforwarded", env.get("KC_PROXY_HEADERS"));
        assertEquals("true", env.get("KC_HOSTNAME_BACKCHANNEL_DYNAMIC"));
        assertEquals("postgres.db.example.internal", env.get("KC_DB_URL_HOST"));
        assertEquals(
                "?sslmode=require", env.get("KC_DB_URL_PROPERTIES"), "same TLS settings as the services' JDBC URLs");
        assertTrue(c.path("args").toString().contains("--import-realm"));
        boolean importMounted = false;
        for (JsonNode m : c.path("volumeMounts")) {
            importMounted |= m.path("mountPath").asText().equals("/opt/keycloak/data/import");
        }
        assertTrue(importMounted);
        // /auth is a build option of the project's image (kc.sh build --http-relative-path=/auth), see
        // KeycloakWorkloadTest
        assertEquals(
                "registry.example.com/ddangn-market/keycloak:0.1.0",
                c.path("image").asText());
    }

    /** The clients whose access tokens the services accept: the two apps, the dev client and the callers of notify. */
    static final List<String> API_CLIENTS =
            List.of("market-web", "market-app", "market-test", "product-service", "chat-service");

    /** Every realm a deployment path imports: local stack, chart (trial and production), the operator's import. */
    static Map<String, JsonNode> realms() throws Exception {
        return Map.of(
                "local/keycloak/market-realm.json",
                Chart.JSON.readTree(Repo.REALM.toFile()),
                "chart (trial)",
                realm("trial", Map.of()),
                "chart (production)",
                realm("production", Map.of()),
                "k8s/operators/keycloak-realm-import.yaml",
                Chart.YAML
                        .readTree(Repo.K8S
                                .resolve("operators/keycloak-realm-import.yaml")
                                .toFile())
                        .path("spec")
                        .path("realm"));
    }

    /**
     * product deletes (탈퇴) and disables (suspension) users through Keycloak's admin API: its service account holds
     * realm-management's manage-users and no other admin role, in every realm a deployment imports; no other
     * account holds any. (What the role allows and refuses is checked against the real Keycloak by
     * local/account-checks.sh.)
     */
    @Test
    void onlyProductsServiceAccountManagesUsersAndNothingElse() throws Exception {
        for (Map.Entry<String, JsonNode> e : realms().entrySet()) {
            boolean found = false;
            for (JsonNode u : e.getValue().path("users")) {
                JsonNode clientRoles = u.path("clientRoles");
                if (u.path("username").asText().equals("service-account-product-service")) {
                    found = true;
                    assertEquals(
                            "{\"realm-management\":[\"manage-users\"]}",
                            Chart.JSON.writeValueAsString(clientRoles),
                            e.getKey());
                    assertEquals("[\"service\"]", u.path("realmRoles").toString(), e.getKey());
                } else {
                    assertTrue(clientRoles.isMissingNode() || clientRoles.isEmpty(), e.getKey() + " " + u);
                }
            }
            assertTrue(found, e.getKey());
        }
    }

    @Test
    void passwordResetOnlyWithAMailServer() throws Exception {
        for (String valueSet : List.of("trial", "production")) {
            JsonNode realm = realm(valueSet, Map.of());
            assertFalse(realm.path("resetPasswordAllowed").asBoolean(), valueSet);
            assertTrue(realm.path("smtpServer").isMissingNode(), valueSet);
        }
        JsonNode realm = realm(
                "production",
                Map.of(
                        "keycloak.smtp.host", "smtp.example.com",
                        "keycloak.smtp.from", "no-reply@market.example.com",
                        "keycloak.smtp.user", "mailer",
                        "keycloak.smtp.password", "mail-secret"));
        assertTrue(realm.path("resetPasswordAllowed").asBoolean());
        JsonNode smtp = realm.path("smtpServer");
        assertEquals("smtp.example.com", smtp.path("host").asText());
        assertEquals("587", smtp.path("port").asText());
        assertEquals("no-reply@market.example.com", smtp.path("from").asText());
        assertEquals("true", smtp.path("auth").asText());
        assertEquals("true", smtp.path("starttls").asText());
        assertEquals("mailer", smtp.path("user").asText());
        assertEquals("mail-secret", smtp.path("password").asText());
        JsonNode anonymous = realm("production", Map.of("keycloak.smtp.host", "mail", "keycloak.smtp.from", "a@b.c"));
        assertEquals("false", anonymous.path("smtpServer").path("auth").asText());
        assertTrue(anonymous.path("smtpServer").path("password").isMissingNode());
    }

    static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals(clientId)) {
                return c;
            }
        }
        return null;
    }

    static Properties serviceProperties(String service) throws IOException {
        Properties p = new Properties();
        try (Reader r =
                Files.newBufferedReader(Repo.ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            p.load(r);
        }
        return p;
    }

    @Test
    void theApiClientsPutTheAudienceTheServicesRequireIntoAccessTokensOnly() throws Exception {
        String audience = serviceProperties("product").getProperty("quarkus.oidc.token.audience");
        assertEquals("market-api", audience);
        for (String service : List.of("chat", "notify")) {
            assertEquals(audience, serviceProperties(service).getProperty("quarkus.oidc.token.audience"), service);
        }
        for (Map.Entry<String, JsonNode> e : realms().entrySet()) {
            for (String clientId : API_CLIENTS) {
                JsonNode c = client(e.getValue(), clientId);
                if (c == null) {
                    assertEquals("market-test", clientId, e.getKey() + " lacks " + clientId);
                    continue;
                }
                JsonNode mapper = null;
                for (JsonNode m : c.path("protocolMappers")) {
                    if (m.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
                        mapper = m;
                    }
                }
                String where = e.getKey() + " client " + clientId;
                assertNotNull(mapper, where + " has no audience mapper: its access tokens would get 401 everywhere");
                assertEquals("openid-connect", mapper.path("protocol").asText(), where);
                assertEquals(
                        audience,
                        mapper.path("config").path("included.custom.audience").asText(),
                        where);
                assertEquals(
                        "true", mapper.path("config").path("access.token.claim").asText(), where);
                // An ID token with the API audience would pass the audience check; only typ would stop it.
                assertEquals(
                        "false", mapper.path("config").path("id.token.claim").asText(), where);
            }
        }
    }

    @Test
    void theServicesRefuseTokensThatAreNotAccessTokens() throws Exception {
        for (String service : List.of("product", "chat", "notify")) {
            assertEquals(
                    "Bearer",
                    serviceProperties(service).getProperty("quarkus.oidc.token.required-claims.typ"),
                    service + " must require typ=Bearer so that a Keycloak ID token (typ ID) gets 401");
        }
    }

    @Test
    void refreshTokensRotateAndAReusedOneIsRefused() throws Exception {
        for (Map.Entry<String, JsonNode> e : realms().entrySet()) {
            assertTrue(e.getValue().path("revokeRefreshToken").asBoolean(false), e.getKey() + ": revokeRefreshToken");
            assertTrue(e.getValue().has("refreshTokenMaxReuse"), e.getKey() + ": refreshTokenMaxReuse");
            assertEquals(0, e.getValue().path("refreshTokenMaxReuse").asInt(-1), e.getKey() + ": refreshTokenMaxReuse");
        }
    }

    @Test
    void onlyTheDevClientHasPasswordGrantsAndAdminCliIsOverridden() throws Exception {
        for (Map.Entry<String, JsonNode> e : realms().entrySet()) {
            // Keycloak creates admin-cli in every realm with direct access grants on, unless the import defines it.
            JsonNode adminCli = client(e.getValue(), "admin-cli");
            assertNotNull(
                    adminCli, e.getKey() + " must define admin-cli, else Keycloak creates it with password grants");
            assertEquals("false", adminCli.path("directAccessGrantsEnabled").asText(), e.getKey() + ": admin-cli");
            assertFalse(adminCli.path("serviceAccountsEnabled").asBoolean(false), e.getKey() + ": admin-cli");
            for (JsonNode c : e.getValue().path("clients")) {
                if (!c.path("clientId").asText().equals("market-test")) {
                    assertFalse(
                            c.path("directAccessGrantsEnabled").asBoolean(true),
                            e.getKey() + ": " + c.path("clientId").asText()
                                    + " must say directAccessGrantsEnabled=false");
                }
            }
        }
        assertNull(client(realm("production", Map.of()), "market-test"));
    }
}
