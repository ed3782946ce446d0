package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SocialApiTest {

    @Test
    void likesAreIdempotentAndCounted() {
        long id = create("liked-seller", Api.uniqueRegion());
        as("liker").put("/api/products/" + id + "/like").then().statusCode(204);
        as("liker").put("/api/products/" + id + "/like").then().statusCode(204);
        as("liker2").put("/api/products/" + id + "/like").then().statusCode(204);
        as("liker")
                .get("/api/products/" + id)
                .then()
                .body("likeCount", equalTo(2))
                .body("liked", equalTo(true));
        problem(as("liked-seller").put("/api/products/" + id + "/like").then(), 422);
        as("liked-seller")
                .get("/api/products/" + id)
                .then()
                .body("likeCount", equalTo(2))
                .body("liked", equalTo(false));
        given().get("/api/products/" + id).then().body("liked", equalTo(false));
        as("liker")
                .get("/api/me/likes")
                .then()
                .statusCode(200)
                .body("items[0].id", equalTo((int) id))
                .body("items[0].liked", equalTo(true));

        as("liker").delete("/api/products/" + id + "/like").then().statusCode(204);
        as("liker").delete("/api/products/" + id + "/like").then().statusCode(204);
        as("liker")
                .get("/api/products/" + id)
                .then()
                .body("likeCount", equalTo(1))
                .body("liked", equalTo(false));
        as("liker")
                .get("/api/me/likes")
                .then()
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem((int) id)));

        problem(given().put("/api/products/" + id + "/like").then(), 401);
        problem(
                given().auth()
                        .oauth2(Tokens.forged("liker"))
                        .put("/api/products/" + id + "/like")
                        .then(),
                401);
        problem(as("liker").put("/api/products/5555555/like").then(), 404);
        problem(as("liker").put("/api/products/x/like").then(), 404);
        as("liked-seller").delete("/api/products/" + id).then().statusCode(204);
        problem(as("liker2").put("/api/products/" + id + "/like").then(), 404);
        as("liker2")
                .get("/api/me/likes")
                .then()
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem((int) id)));
    }

    @Test
    void chatReportsRoomsOnceEach() {
        long id = create("chat-seller", Api.uniqueRegion());
        String svc = Tokens.service("chat-service");
        String b1 = "{\"buyerId\":\"" + Tokens.idOf("chat-b1") + "\"}";
        String b2 = "{\"buyerId\":\"" + Tokens.idOf("chat-b2") + "\"}";
        given().auth()
                .oauth2(svc)
                .contentType(ContentType.JSON)
                .body(b1)
                .put("/internal/products/" + id + "/chats/11")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(svc)
                .contentType(ContentType.JSON)
                .body(b1)
                .put("/internal/products/" + id + "/chats/11")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(svc)
                .contentType(ContentType.JSON)
                .body(b2)
                .put("/internal/products/" + id + "/chats/12")
                .then()
                .statusCode(204);
        given().get("/api/products/" + id).then().body("chatCount", equalTo(2));
        problem(
                as("chat-seller")
                        .contentType(ContentType.JSON)
                        .body(b1)
                        .put("/internal/products/" + id + "/chats/13")
                        .then(),
                403);
        problem(
                given().contentType(ContentType.JSON)
                        .body(b1)
                        .put("/internal/products/" + id + "/chats/13")
                        .then(),
                401);
        problem(
                given().auth()
                        .oauth2(svc)
                        .contentType(ContentType.JSON)
                        .body(b1)
                        .put("/internal/products/8888888/chats/13")
                        .then(),
                404);
        problem(
                given().auth()
                        .oauth2(svc)
                        .put("/internal/products/" + id + "/chats/13")
                        .then(),
                400);
        problem(
                given().auth()
                        .oauth2(svc)
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .put("/internal/products/" + id + "/chats/13")
                        .then(),
                400);
        problem(
                given().auth()
                        .oauth2(svc)
                        .contentType(ContentType.JSON)
                        .body("{\"buyerId\":\"" + "x".repeat(65) + "\"}")
                        .put("/internal/products/" + id + "/chats/13")
                        .then(),
                400);
        given().get("/api/products/" + id).then().body("chatCount", equalTo(2));
    }

    @Test
    void myLikesArePaged() {
        String region = Api.uniqueRegion();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add((int) create("pl-seller", region));
        }
        for (int id : ids) {
            as("page-liker").put("/api/products/" + id + "/like").then().statusCode(204);
        }
        JsonPath first = as("page-liker")
                .queryParam("size", 2)
                .get("/api/me/likes")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        JsonPath second = as("page-liker")
                .queryParams("size", 2, "cursor", first.getString("nextCursor"))
                .get("/api/me/likes")
                .then()
                .statusCode(200)
                .body("nextCursor", nullValue())
                .extract()
                .jsonPath();
        List<Integer> all = new ArrayList<>(first.getList("items.id", Integer.class));
        all.addAll(second.getList("items.id", Integer.class));
        assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)), all);
        problem(
                as("page-liker")
                        .queryParam("cursor", "zzz")
                        .get("/api/me/likes")
                        .then(),
                400);
        problem(given().get("/api/me/likes").then(), 401);
    }

    @Test
    void commentsOldestFirstPagedAndDeletable() {
        long id = create("c-seller", Api.uniqueRegion());
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(json("commenter")
                    .body("{\"content\":\"댓글 " + i + "\"}")
                    .post("/api/products/" + id + "/comments")
                    .then()
                    .statusCode(201)
                    .body("productId", equalTo((int) id))
                    .body("author.id", equalTo(Tokens.idOf("commenter")))
                    .body("author.nickname", equalTo("commenter"))
                    .body("content", equalTo("댓글 " + i))
                    .extract()
                    .path("id"));
        }
        JsonPath p1 = given().queryParam("size", 3)
                .get("/api/products/" + id + "/comments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(ids.subList(0, 3), p1.getList("items.id", Integer.class));
        given().queryParams("size", 3, "cursor", p1.getString("nextCursor"))
                .get("/api/products/" + id + "/comments")
                .then()
                .body("items.id", equalTo(ids.subList(3, 5)))
                .body("nextCursor", nullValue());
        given().get("/api/products/" + id).then().body("commentCount", equalTo(5));

        problem(as("stranger").delete("/api/comments/" + ids.get(0)).then(), 403);
        problem(as("c-seller").delete("/api/comments/" + ids.get(0)).then(), 403);
        problem(given().delete("/api/comments/" + ids.get(0)).then(), 401);
        problem(as("commenter").delete("/api/comments/4444444").then(), 404);
        as("commenter").delete("/api/comments/" + ids.get(0)).then().statusCode(204);
        problem(as("commenter").delete("/api/comments/" + ids.get(0)).then(), 404);
        given().auth()
                .oauth2(Tokens.admin("moderator"))
                .delete("/api/comments/" + ids.get(1))
                .then()
                .statusCode(204);
        given().get("/api/products/" + id + "/comments").then().body("items.id", equalTo(ids.subList(2, 5)));
        given().get("/api/products/" + id).then().body("commentCount", equalTo(3));
    }

    @Test
    void commentInputIsChecked() {
        long id = create("c-seller2", Api.uniqueRegion());
        String path = "/api/products/" + id + "/comments";
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"content\":\"hi\"}")
                        .post(path)
                        .then(),
                401);
        problem(json("c2").body("{\"content\":").post(path).then(), 400);
        problem(json("c2").body("{\"content\":42}").post(path).then(), 400);
        problem(json("c2").body("{\"content\":\"\"}").post(path).then(), 400)
                .body("errors[0].field", equalTo("content"));
        problem(json("c2").body("{}").post(path).then(), 400);
        problem(
                json("c2")
                        .body("{\"content\":\"" + "가".repeat(1001) + "\"}")
                        .post(path)
                        .then(),
                400);
        problem(
                        json("c2")
                                .body("{\"content\":\"hi\",\"authorId\":\"x\"}")
                                .post(path)
                                .then(),
                        400)
                .body("errors[0].field", equalTo("authorId"));
        problem(
                json("c2")
                        .body("{\"content\":\"hi\"}")
                        .post("/api/products/3333333/comments")
                        .then(),
                404);
        problem(given().get("/api/products/3333333/comments").then(), 404);
        problem(given().queryParam("size", 500).get(path).then(), 400);
        given().get(path).then().body("items.size()", equalTo(0));

        String html = "<img src=x onerror=alert(1)> '); DELETE FROM product_comment; --";
        json("c2")
                .body("{\"content\":" + Api.quote(html) + "}")
                .post(path)
                .then()
                .statusCode(201);
        given().get(path).then().body("items[0].content", equalTo(html));
    }
}
