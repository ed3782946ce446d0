package market.chat.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import market.chat.domain.MessageType;
import market.chat.domain.MessageView;
import market.chat.domain.ReportedMessage;
import market.chat.domain.Room;
import market.chat.storage.MessageStore;
import market.chat.storage.RoomStore;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;

/** A room's messages as its participants read them: pages of the history and each reader's mark. */
@ApplicationScoped
public class MessageHistory {

    public record ReadMark(Room room, long messageId) {}

    private final RoomService rooms;
    private final RoomStore roomStore;
    private final MessageStore messages;

    public MessageHistory(RoomService rooms, RoomStore roomStore, MessageStore messages) {
        this.rooms = rooms;
        this.roomStore = roomStore;
        this.messages = messages;
    }

    /**
     * A page of a room's messages, always oldest first. With {@code after}: the next newer ones (catch-up);
     * with {@code before} or nothing: the newest ones before it (history). The cursor continues in the same
     * direction.
     */
    @Transactional
    public Page<MessageView> page(long roomId, String userId, Long after, Long before, String cursor, int size) {
        rooms.access(roomId, userId);
        Cursor c = Cursor.decode(cursor, 2);
        if (c != null) {
            if ("a".equals(c.stringAt(0))) {
                after = c.longAt(1);
                before = null;
            } else if ("b".equals(c.stringAt(0))) {
                before = c.longAt(1);
                after = null;
            } else {
                throw ApiException.badRequest("cursor", "invalid cursor");
            }
        }
        if (after != null && before != null) {
            return Page.of(messages.between(roomId, after, before, size + 1), size, m -> Cursor.encode("a", m.id()));
        }
        if (after != null) {
            return Page.of(messages.after(roomId, after, size + 1), size, m -> Cursor.encode("a", m.id()));
        }
        List<MessageView> newestFirst =
                messages.newestBefore(roomId, before == null ? Long.MAX_VALUE : before, size + 1);
        boolean more = newestFirst.size() > size;
        List<MessageView> items = new ArrayList<>(newestFirst.subList(0, Math.min(size, newestFirst.size())));
        Collections.reverse(items);
        return new Page<>(
                List.copyOf(items), more ? Cursor.encode("b", items.get(0).id()) : null);
    }

    /** Moves the reader's mark forward (never back), up to the room's last message. */
    @Transactional
    public ReadMark markRead(long roomId, String userId, long lastReadId) {
        Room room = rooms.access(roomId, userId);
        long mark = Math.min(lastReadId, roomStore.lastMessageId(roomId));
        return new ReadMark(room, messages.advanceRead(roomId, userId, mark));
    }

    /**
     * One message with its room's parties, for product's moderation; 404 when there is none. A PHOTO message's content
     * starts with how many photos it carried ("[사진 3장] 이거요"), which is what a report keeps of it: the photos
     * themselves are served only to the room's two parties.
     */
    public ReportedMessage reported(long messageId) {
        ReportedMessage m =
                messages.reported(messageId).orElseThrow(() -> ApiException.notFound("Message " + messageId));
        if (!MessageType.PHOTO.name().equals(m.type())) {
            return m;
        }
        String photos = "[사진 " + m.photoCount() + "장]";
        return new ReportedMessage(
                m.id(),
                m.roomId(),
                m.productId(),
                m.senderId(),
                m.sellerId(),
                m.buyerId(),
                m.type(),
                m.content().isEmpty() ? photos : photos + " " + m.content(),
                m.photoCount(),
                m.sentAt());
    }
}
