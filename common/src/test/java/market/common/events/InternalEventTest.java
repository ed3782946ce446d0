package market.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.common.json.StrictJson;
import org.junit.jupiter.api.Test;

/**
 * The wire shape of notify's POST /internal/events, as both senders write it and notify reads it (with the
 * services' strict mapper). It must not change: notify, product and chat are deployed independently.
 */
class InternalEventTest {

    private final ObjectMapper json = strict();

    private static ObjectMapper strict() {
        ObjectMapper m = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new StrictJson().customize(m);
        return m;
    }

    @Test
    void chatSendsStringValues() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("roomId", "3");
        data.put("productId", "12");
        data.put("messageId", "77");
        String wire = json.writeValueAsString(
                new InternalEvent("chat-message-77", EventType.CHAT_MESSAGE, "bob", "alice", "안녕하세요", data));
        assertEquals(
                "{\"idempotencyKey\":\"chat-message-77\",\"type\":\"CHAT_MESSAGE\",\"recipientId\":\"bob\","
                        + "\"title\":\"alice\",\"body\":\"안녕하세요\","
                        + "\"data\":{\"roomId\":\"3\",\"productId\":\"12\",\"messageId\":\"77\"}}",
                wire);
    }

    @Test
    void productSendsItsStoredDataAsStoredNumbersIncluded() throws Exception {
        // what jsonb gives back for Map.of("productId", 12L, "oldPrice", 1000L, "price", 900L)
        String stored = "{\"price\": 900, \"oldPrice\": 1000, \"productId\": 12}";
        Map<String, Object> data = json.readValue(stored, new TypeReference<>() {});
        String wire = json.writeValueAsString(new InternalEvent(
                "price-drop:12:3:bob", EventType.PRICE_DROP, "bob", "관심상품 가격 인하", "자전거 1000원 → 900원", data));
        assertEquals(
                "{\"idempotencyKey\":\"price-drop:12:3:bob\",\"type\":\"PRICE_DROP\",\"recipientId\":\"bob\","
                        + "\"title\":\"관심상품 가격 인하\",\"body\":\"자전거 1000원 → 900원\","
                        + "\"data\":{\"price\":900,\"oldPrice\":1000,\"productId\":12}}",
                wire);
    }

    @Test
    void absentDataIsWrittenAsNull() throws Exception {
        String wire = json.writeValueAsString(new InternalEvent("k", EventType.LIKE, "u", "t", "", null));
        assertEquals(
                "{\"idempotencyKey\":\"k\",\"type\":\"LIKE\",\"recipientId\":\"u\",\"title\":\"t\",\"body\":\"\","
                        + "\"data\":null}",
                wire);
    }

    @Test
    void notifyReadsScalarsOfEveryKindAndNestedValuesForItsOwnCheck() throws Exception {
        InternalEvent e = json.readValue("""
                {"idempotencyKey":"k","type":"REVIEW","recipientId":"u","title":"t","body":"b",
                 "data":{"s":"x","n":12,"f":1.5,"b":true,"o":{"a":1},"l":[1]}}""", InternalEvent.class);
        assertEquals(EventType.REVIEW, e.type());
        assertEquals(List.of("s", "n", "f", "b", "o", "l"), List.copyOf(e.data().keySet()));
        assertEquals("x", e.data().get("s"));
        assertEquals(12, e.data().get("n"));
        assertEquals(1.5, e.data().get("f"));
        assertEquals(true, e.data().get("b"));
        assertEquals(Map.of("a", 1), e.data().get("o"));
    }

    @Test
    void withoutDataIsNull() throws Exception {
        InternalEvent e = json.readValue("""
                {"idempotencyKey":"k","type":"TRADE","recipientId":"u","title":"t","body":"b"}""", InternalEvent.class);
        assertNull(e.data());
    }

    @Test
    void unknownTypeIsRefusedNamingTheField() {
        for (String type : new String[] {"\"SPAM\"", "\"comment\"", "3"}) {
            JsonMappingException e = assertThrows(
                    JsonMappingException.class,
                    () -> json.readValue(
                            "{\"idempotencyKey\":\"k\",\"type\":" + type
                                    + ",\"recipientId\":\"u\",\"title\":\"t\",\"body\":\"b\"}",
                            InternalEvent.class));
            assertEquals("type", e.getPath().get(0).getFieldName());
        }
    }

    @Test
    void unknownFieldIsRefused() {
        assertThrows(
                JsonMappingException.class,
                () -> json.readValue(
                        "{\"idempotencyKey\":\"k\",\"type\":\"LIKE\",\"recipientId\":\"u\",\"title\":\"t\",\"body\":\"b\",\"extra\":1}",
                        InternalEvent.class));
    }

    @Test
    void typeNamesAreTheContract() {
        assertEquals(
                List.of(
                        "CHAT_MESSAGE",
                        "COMMENT",
                        "LIKE",
                        "PRICE_DROP",
                        "REVIEW",
                        "TRADE",
                        "KEYWORD_MATCH",
                        "REVIEW_REQUEST",
                        "REPORT_RESULT",
                        "PRICE_OFFER"),
                java.util.Arrays.stream(EventType.values()).map(Enum::name).toList());
    }
}
