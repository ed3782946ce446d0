package market.notify.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The {@code data} column of notifications, broadcasts and pushes: a JSON object of strings, stored as text. */
@ApplicationScoped
public class DataJson {

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final ObjectMapper json;

    public DataJson(ObjectMapper json) {
        this.json = json;
    }

    String write(Map<String, String> data) {
        try {
            return json.writeValueAsString(data == null ? Map.of() : data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> read(String text, String what) {
        try {
            return json.readValue(text, MAP);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable " + what + " data", e);
        }
    }
}
