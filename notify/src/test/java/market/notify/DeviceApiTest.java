package market.notify;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class DeviceApiTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void registeringSubscribesToNoticesAndRefreshingAnswers200() {
        String user = Api.unique("dev-a");
        String token = Api.newToken("a");
        Api.registerDevice(user, token, "ANDROID")
                .statusCode(201)
                .body("token", equalTo(token))
                .body("platform", equalTo("ANDROID"))
                .body("topics", contains("notices"))
                .body("createdAt", notNullValue());
        await().atMost(WAIT).until(() -> Fcm.topic("notices").contains(token));
        assertFalse(Fcm.topic("ads").contains(token), "no marketing consent, no ads topic");

        Api.registerDevice(user, token, "ANDROID").statusCode(200).body("token", equalTo(token));
    }

    @Test
    void aTokenRegisteredByAnotherUserMovesToTheCallerAndOnlyTheOwnerRemovesIt() {
        String alice = Api.unique("dev-alice");
        String bob = Api.unique("dev-bob");
        String token = Api.newToken("shared");
        Api.registerDevice(alice, token, "IOS").statusCode(201);
        Api.registerDevice(bob, token, "IOS").statusCode(201);

        // A foreign token answers exactly like one that was never registered: a DELETE reveals nothing.
        String unknown = Api.newToken("never-registered");
        String foreignAnswer = given().auth()
                .oauth2(Tokens.user(alice))
                .delete("/api/devices/" + token)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .extract()
                .asString();
        String unknownAnswer = given().auth()
                .oauth2(Tokens.user(alice))
                .delete("/api/devices/" + unknown)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .extract()
                .asString();
        assertEquals(unknownAnswer.replace(unknown, token), foreignAnswer);
        Api.registerDevice(bob, token, "IOS").statusCode(200); // still bob's: the refused DELETE changed nothing
        given().auth()
                .oauth2(Tokens.user(bob))
                .delete("/api/devices/" + token)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(Tokens.user(bob))
                .delete("/api/devices/" + token)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        await().atMost(WAIT).until(() -> !Fcm.topic("notices").contains(token));
    }

    @Test
    void marketingConsentSubscribesAndUnsubscribesTheAdsTopic() {
        String user = Api.unique("dev-consent");
        String phone = Api.newToken("phone");
        String web = Api.newToken("web");
        Api.registerDevice(user, phone, "ANDROID").statusCode(201);
        Api.registerDevice(user, web, "WEB").statusCode(201);

        Api.settings(user, true, true, true, true, false);
        await().atMost(WAIT).until(() -> Fcm.topic("ads").containsAll(java.util.List.of(phone, web)));
        Api.registerDevice(user, phone, "ANDROID").statusCode(200).body("topics", contains("notices", "ads"));

        Api.settings(user, true, true, true, false, false);
        await().atMost(WAIT)
                .until(() ->
                        !Fcm.topic("ads").contains(phone) && !Fcm.topic("ads").contains(web));
        assertTrue(Fcm.topic("notices").contains(phone));
    }

    /** One bad registration by the user (token) of a valid FCM token (good) that must stay unregistered. */
    interface BadRegistration {
        void send(String token, String good);
    }

    /** A JSON body the API refuses with a 400 problem. */
    static Arguments badBody(String name, Function<String, String> body) {
        return Arguments.of(name, (BadRegistration) (token, good) -> given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body.apply(good))
                .post("/api/devices")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400)));
    }

    static Stream<Arguments> badRegistrations() {
        return Stream.of(
                badBody("malformed JSON", good -> "{\"token\":\"" + good + "\","),
                badBody("unknown platform", good -> "{\"token\":\"" + good + "\",\"platform\":\"BLACKBERRY\"}"),
                badBody("missing platform", good -> "{\"token\":\"" + good + "\"}"),
                badBody("missing token", good -> "{\"platform\":\"WEB\"}"),
                badBody("empty token", good -> "{\"token\":\"\",\"platform\":\"WEB\"}"),
                badBody("not a token", good -> "{\"token\":\"has spaces " + good + "\",\"platform\":\"WEB\"}"),
                badBody("token too long", good -> "{\"token\":\"" + "x".repeat(4097) + "\",\"platform\":\"WEB\"}"),
                badBody("token is a number", good -> "{\"token\":12,\"platform\":\"WEB\"}"),
                badBody("token is an array", good -> "{\"token\":[\"" + good + "\"],\"platform\":\"WEB\"}"),
                badBody(
                        "unknown field userId",
                        good -> "{\"token\":\"" + good + "\",\"platform\":\"WEB\",\"userId\":\"x\"}"),
                badBody("null", good -> "null"),
                Arguments.of("text/plain body", (BadRegistration) (token, good) -> given().auth()
                        .oauth2(token)
                        .contentType(ContentType.TEXT)
                        .body(good)
                        .post("/api/devices")
                        .then()
                        .statusCode(415)
                        .contentType("application/problem+json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRegistrations")
    void badRegistrationsAreRejectedAndStoreNothing(String name, BadRegistration bad) {
        String token = Tokens.user(Api.unique("dev-bad"));
        String good = Api.newToken("good");
        bad.send(token, good);
        given().auth().oauth2(token).delete("/api/devices/" + good).then().statusCode(404);
    }

    @Test
    void devicesNeedAUserToken() {
        String token = Api.newToken("anon");
        String body = "{\"token\":\"" + token + "\",\"platform\":\"WEB\"}";
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/devices")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.forged("mallory"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/devices")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(Tokens.expired("alice"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/devices")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(Tokens.service("chat-service"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/devices")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().delete("/api/devices/" + token).then().statusCode(401);
        given().auth()
                .oauth2(Tokens.user("alice"))
                .delete("/api/devices/" + token)
                .then()
                .statusCode(404);
    }
}
