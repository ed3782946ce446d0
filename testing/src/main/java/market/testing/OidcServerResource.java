package market.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * A minimal OpenID provider shaped like the Keycloak realm `market`: discovery, JWKS and a
 * client-credentials token endpoint, on loopback, with a fresh RSA key. Tokens for tests come from
 * {@link Tokens}, signed by the same key, so services verify real RS256 signatures.
 *
 * <p>Why not {@code quarkus-test-oidc-server}: it is a WireMock server with one fixed, published signing key and
 * realm {@code quarkus}; a token signed by that key is valid in every test JVM on any machine, and its token
 * endpoint answers fixed tokens. Ours makes a fresh key per test JVM, serves Keycloak's paths for realm
 * {@code market}, and its client-credentials endpoint issues the service token with the claims the services
 * check (issuer, audience, azp, roles) — in about a hundred lines on the JDK's HttpServer, with no WireMock,
 * Jetty or servlet API on the test class path. The real Keycloak is exercised by the stack tests.
 */
public class OidcServerResource implements QuarkusTestResourceLifecycleManager {

    static final String KEY_PROP = "markettest.oidc.key";
    static final String KID_PROP = "markettest.oidc.kid";
    static final String ISSUER_PROP = "markettest.oidc.issuer";
    private static final String REALM_PATH = "/auth/realms/market";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        RsaJsonWebKey jwk;
        try {
            jwk = RsaJwkGenerator.generateJwk(2048);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
        jwk.setKeyId("test-" + Long.toHexString(System.nanoTime()));
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        int port = Processes.freePort();
        String issuer = "http://127.0.0.1:" + port + REALM_PATH;
        System.setProperty(
                KEY_PROP, Base64.getEncoder().encodeToString(jwk.getPrivateKey().getEncoded()));
        System.setProperty(KID_PROP, jwk.getKeyId());
        System.setProperty(ISSUER_PROP, issuer);
        String jwks = new JsonWebKeySet(jwk).toJson();
        String discovery = """
                {"issuer":"%1$s","jwks_uri":"%1$s/protocol/openid-connect/certs",\
                "token_endpoint":"%1$s/protocol/openid-connect/token",\
                "authorization_endpoint":"%1$s/protocol/openid-connect/auth",\
                "id_token_signing_alg_values_supported":["RS256"],\
                "grant_types_supported":["client_credentials","password","authorization_code"]}""".formatted(issuer);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(REALM_PATH + "/.well-known/openid-configuration", ex -> send(ex, 200, discovery));
        server.createContext(REALM_PATH + "/protocol/openid-connect/certs", ex -> send(ex, 200, jwks));
        server.createContext(REALM_PATH + "/protocol/openid-connect/token", this::token);
        server.start();
        return Map.of(
                "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc-client.auth-server-url", issuer);
    }

    private void token(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String clientId = form.get("client_id");
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (clientId == null && auth != null && auth.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
            clientId = decoded.substring(0, decoded.indexOf(':'));
        }
        if (!"client_credentials".equals(form.get("grant_type")) || clientId == null) {
            send(ex, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        String token = Tokens.service(clientId);
        send(ex, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
