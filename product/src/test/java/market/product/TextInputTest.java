package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One rule for user text (see TextRules): NFC on input, lengths in code points, no lone surrogates or
 * control characters, no bidi controls in names and titles; reserved nicknames refused.
 */
@QuarkusTest
class TextInputTest {

    private static final String NFD_HANGUL = "\u1112\u1161\u11AB\u1100\u1173\u11AF"; // 한글, decomposed

    private static String rawBody(String titleJson, String region) {
        return """
                {"title":%s,"description":"설명","price":1000,"category":"DIGITAL","regionCode":"%s"}""".formatted(titleJson, region);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "100 emoji            | 😀 | 100 | 201",
                "101 emoji            | 😀 | 101 | 400",
                "100 ascii            | a  | 100 | 201",
                "101 ascii            | a  | 101 | 400",
                "100 hangul syllables | 가 | 100 | 201",
                "flags: 2 code points each, 50 fit | 🇰🇷 | 50 | 201",
                "flags: 51 do not fit             | 🇰🇷 | 51 | 400"
            })
    void titleLengthCountsCodePoints(String name, String unit, int times, int status) {
        String region = Api.uniqueRegion();
        String title = unit.repeat(times);
        var r = json("text-seller")
                .body(Api.body(title, 1000, "DIGITAL", region))
                .post("/api/products")
                .then()
                .statusCode(status);
        if (status == 201) {
            r.body("title", equalTo(title));
        } else {
            r.contentType("application/problem+json").body("errors[0].field", equalTo("title"));
            given().get("/api/products?range=0&regionCode=" + region).then().body("items.size()", equalTo(0));
        }
    }

    @Test
    void decomposedHangulIsStoredAndSearchedAsNfc() {
        String region = Api.uniqueRegion();
        long id = create("text-seller", NFD_HANGUL + " 자전거", 1000, "DIGITAL", region);
        given().get("/api/products/" + id).then().body("title", equalTo("한글 자전거"));
        // a decomposed query finds the composed title, and the composed one too
        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .queryParam("q", NFD_HANGUL)
                .get("/api/products")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1));
        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .queryParam("q", "한글")
                .get("/api/products")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1));
        json("text-seller")
                .body("{\"content\":\"" + NFD_HANGUL + "\"}")
                .post("/api/products/" + id + "/comments")
                .then()
                .statusCode(201)
                .body("content", equalTo("한글"));
    }

    @ParameterizedTest(name = "title with {0}")
    @ValueSource(
            strings = {
                "\\u202e", "\\u202a", "\\u2066", "\\u200f", "\\u0007", "\\u0000", "\\n", "\\t", "\\ud800", "\\udc00"
            })
    void titlesRefuseControlsBidiAndLoneSurrogates(String escape) {
        String region = Api.uniqueRegion();
        problem(
                        json("text-seller")
                                .body(rawBody("\"abc" + escape + "gpj.exe\"", region))
                                .post("/api/products")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("title"));
        given().get("/api/products?range=0&regionCode=" + region).then().body("items.size()", equalTo(0));
    }

    @Test
    void multiLineTextKeepsLineBreaksButNotOverridesOrBrokenCharacters() {
        long id = create("text-seller", Api.uniqueRegion());
        json("text-seller")
                .body("{\"content\":\"첫 줄\\n둘째 줄\"}")
                .post("/api/products/" + id + "/comments")
                .then()
                .statusCode(201)
                .body("content", equalTo("첫 줄\n둘째 줄"));
        for (String bad : new String[] {"\\u202e거꾸로", "\\ud800", "a\\u0000b"}) {
            problem(
                            json("text-seller")
                                    .body("{\"content\":\"" + bad + "\"}")
                                    .post("/api/products/" + id + "/comments")
                                    .then(),
                            400)
                    .body("errors[0].field", equalTo("content"));
        }
        given().get("/api/products/" + id + "/comments").then().body("items.size()", equalTo(1));
        problem(
                        json("text-seller")
                                .body("{\"keyword\":\"\\u202e자전거\"}")
                                .post("/api/me/keywords")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("keyword"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "admin",
                "Admin",
                "Ad min",
                "ＡＤＭＩＮ",
                "a.d.m.i.n",
                "ADMINISTRATOR",
                "운영자 ",
                "운영자님",
                "관리자",
                "땅근마켓",
                "땅근마켓 공식",
                "공식",
                "ddangn",
                "DDANGN_official",
                "고객센터",
                "system",
                "ｓｙｓｔｅｍ"
            })
    void reservedNicknamesAreRefused(String nickname) {
        String user = "nick-" + Math.abs(nickname.hashCode());
        String token = Tokens.user(user);
        given().auth().oauth2(token).get("/api/me").then().statusCode(200);
        problem(
                        given().auth()
                                .oauth2(token)
                                .contentType("application/json")
                                .body("{\"nickname\":" + Api.quote(nickname) + "}")
                                .put("/api/me")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("nickname"));
        given().auth().oauth2(token).get("/api/me").then().body("nickname", equalTo(user));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"badminton", "민수", "자전거왕", "system32fan", "Jane Doe"})
    void ordinaryNicknamesAreAccepted(String nickname) {
        String token = Tokens.user("nick-ok-" + Math.abs(nickname.hashCode()));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"nickname\":" + Api.quote(nickname) + "}")
                .put("/api/me")
                .then()
                .statusCode(200)
                .body("nickname", equalTo(nickname));
    }

    @Test
    void nicknamesRefuseBidiAndCountCodePoints() {
        String token = Tokens.user("nick-bidi");
        problem(
                        given().auth()
                                .oauth2(token)
                                .contentType("application/json")
                                .body("{\"nickname\":\"\\u202eecila\"}")
                                .put("/api/me")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("nickname"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"nickname\":\"" + "😀".repeat(30) + "\"}")
                .put("/api/me")
                .then()
                .statusCode(200);
        problem(
                        given().auth()
                                .oauth2(token)
                                .contentType("application/json")
                                .body("{\"nickname\":\"" + "😀".repeat(31) + "\"}")
                                .put("/api/me")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("nickname"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"nickname\":\"" + NFD_HANGUL + "\"}")
                .put("/api/me")
                .then()
                .statusCode(200)
                .body("nickname", equalTo("한글"));
    }
}
