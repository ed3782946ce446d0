package market.notify.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import market.notify.domain.InboxItem;

/**
 * The SSE event of an inbox item, its JSON written once for every stream it goes to: a notice that reaches
 * 10,000 open streams is serialised once (per read state), not 10,000 times. Equal items (same id, content and
 * read state: a record's equality) share one event; the data is the JSON text, written by the same
 * {@link ObjectMapper} the rest of the API uses. The most recent items are kept (cleared past {@link #KEPT}).
 */
@ApplicationScoped
public class InboxEvents {

    static final int KEPT = 4_096;

    private final ObjectMapper json;
    private final Map<InboxItem, OutboundSseEvent> built = new ConcurrentHashMap<>();

    public InboxEvents(ObjectMapper json) {
        this.json = json;
    }

    OutboundSseEvent of(Sse sse, InboxItem item) {
        OutboundSseEvent event = built.get(item);
        if (event != null) {
            return event;
        }
        String data;
        try {
            data = json.writeValueAsString(InboxResource.Item.of(item));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        event = sse.newEventBuilder()
                .id(Long.toString(item.id()))
                .name("notification")
                .data(String.class, data)
                .build();
        if (built.size() >= KEPT) {
            built.clear();
        }
        OutboundSseEvent raced = built.putIfAbsent(item, event);
        return raced != null ? raced : event;
    }
}
