package market.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import market.chat.config.ChatConfig;
import market.chat.domain.Appointment;
import market.chat.domain.MessageType;
import market.chat.domain.MessageView;
import market.chat.domain.OfferRequest;
import market.chat.domain.Room;
import market.chat.storage.GroupCommit;
import market.chat.storage.MessageStore;
import market.chat.storage.SendStages;
import market.common.api.ApiException;
import market.common.db.DataAccessException;
import market.common.limits.Action;
import market.common.limits.RateLimiter;
import market.common.text.TextRules;

/**
 * Sending, reading and typing, shared by REST and WebSocket: checks, then the durable write, then live
 * delivery to both participants and a (coalesced) push for a recipient who has no connection anywhere.
 */
@ApplicationScoped
public class ChatService {

    /** A stored message, {@code created} by this send or (false) the first one of a resent clientMsgId. */
    public record Sent(Room room, MessageView message, boolean created) {}

    private final MessageStore store;
    private final GroupCommit writer;
    private final boolean groupCommit;
    private final MessageHistory history;
    private final RoomService rooms;
    private final Fanout fanout;
    private final Presence presence;
    private final PushCoalescer pushes;
    private final RateLimiter limiter;
    private final ObjectMapper mapper;
    private final ChatConfig config;
    private final Blocks blocks;
    private final OfferRules offers;
    private final SendStages stages;

    public ChatService(
            MessageStore store,
            GroupCommit writer,
            MessageHistory history,
            RoomService rooms,
            Fanout fanout,
            Presence presence,
            PushCoalescer pushes,
            RateLimiter limiter,
            ObjectMapper mapper,
            ChatConfig config,
            Blocks blocks,
            OfferRules offers,
            SendStages stages) {
        this.stages = stages;
        this.blocks = blocks;
        this.offers = offers;
        this.store = store;
        this.writer = writer;
        this.groupCommit = config.groupCommit().enabled();
        this.history = history;
        this.rooms = rooms;
        this.fanout = fanout;
        this.presence = presence;
        this.pushes = pushes;
        this.limiter = limiter;
        this.mapper = mapper;
        this.config = config;
    }

    /** Stores and delivers a message; returns once it is committed. Blocking. */
    public Sent send(long roomId, String senderId, String content, String clientMsgId, Appointment appointment) {
        return send(roomId, senderId, content, clientMsgId, appointment, null);
    }

    /**
     * Stores and delivers a message, an OFFER when {@code offer} is given (then content may be left out: the
     * offer is written out in it); returns once it is committed. Blocking.
     */
    public Sent send(
            long roomId,
            String senderId,
            String content,
            String clientMsgId,
            Appointment appointment,
            OfferRequest offer) {
        long started = System.nanoTime();
        if (offer != null && appointment != null) {
            throw ApiException.badRequest("offer", "a message is an offer or an appointment, not both");
        }
        String text = offer != null && (content == null || content.isEmpty())
                ? OfferRules.describe(offer.amount())
                : validContent(content);
        RateLimiter.Decision allowed = limiter.acquire(Action.CHAT_SEND, senderId);
        if (!allowed.allowed()) {
            throw ApiException.tooManyRequests("You are sending messages too fast", allowed.retryAfterSeconds());
        }
        // 차단: a cached set per sender (no call to product per message); only a sender in some block costs a
        // look at the room, to see whether its other participant is one of them.
        if (blocks.hasAny(senderId)) {
            blocks.requireNotBlocked(rooms.access(roomId, senderId), senderId);
        }
        if (offer != null) {
            offers.checkCanOffer(roomId, senderId, offer.amount());
        }
        MessageType type =
                offer != null ? MessageType.OFFER : appointment == null ? MessageType.TEXT : MessageType.APPOINTMENT;
        MessageStore.Appended appended;
        stages.record(SendStages.Stage.CHECKS, System.nanoTime() - started);
        try {
            // Offers one at a time (a second open offer is refused by a unique index, which would fail a
            // whole batch); every other message is committed together with the others of the moment.
            appended = (offer != null || !groupCommit
                            ? store.append(
                                    roomId,
                                    senderId,
                                    type,
                                    text,
                                    appointment,
                                    offer == null ? null : offer.amount(),
                                    clientMsgId)
                            : writer.append(new MessageStore.NewMessage(
                                    roomId, senderId, type, text, appointment, clientMsgId)))
                    .orElseThrow(() -> ApiException.notFound("Room"));
        } catch (DataAccessException e) {
            if (offer != null && e.isUniqueViolation()) {
                throw ApiException.conflict(
                        "You already have an open offer on this listing; wait for the seller or withdraw it");
            }
            throw e;
        }
        Room room = appended.room().requireParticipant(senderId);
        if (appended.message() == null && room.closed()) {
            throw closed();
        }
        if (appended.message() == null) {
            throw new IllegalStateException("Message of room " + roomId + " was neither stored nor a resend");
        }
        Sent sent = new Sent(room, appended.message(), appended.created());
        if (sent.created()) {
            long stored = System.nanoTime();
            deliver(room, senderId, sent.message());
            stages.record(SendStages.Stage.DELIVER, System.nanoTime() - stored);
        }
        return sent;
    }

    /** A stored message to both participants, live, and a push for the other one if they have no connection. */
    void deliver(Room room, String senderId, MessageView message) {
        fanout.publish(List.of(room.sellerId(), room.buyerId()), json(new Frames.Message(message)));
        String recipient = room.otherThan(senderId);
        // Off the sender's path and off the worker threads: the presence lookup is a non-blocking Redis
        // round trip, the push coalesced per room and then an asynchronous, bulkheaded call.
        presence.isOnline(recipient).subscribe().with(online -> {
            if (!online) {
                pushes.offline(room, recipient, message);
            }
        });
    }

    public MessageHistory.ReadMark read(long roomId, String userId, long lastReadId) {
        MessageHistory.ReadMark mark = history.markRead(roomId, userId, lastReadId);
        Room room = mark.room();
        fanout.publish(
                List.of(room.sellerId(), room.buyerId()), json(new Frames.Read(roomId, userId, mark.messageId())));
        return mark;
    }

    public void typing(long roomId, String userId) {
        Room room = rooms.access(roomId, userId);
        fanout.publish(List.of(room.otherThan(userId)), json(new Frames.Typing(roomId, userId)));
    }

    public String json(Object frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 422 for a send to a room one of whose parties deleted their account (탈퇴). */
    static ApiException closed() {
        return ApiException.unprocessable(
                "This chat is closed: the other person left ddangn-market (탈퇴). Its messages stay readable.");
    }

    /** A message's text (or a photo's caption), checked as every message's content is, in NFC. */
    String validContent(String content) {
        if (content == null || content.isBlank()) {
            throw ApiException.badRequest("content", "must not be blank");
        }
        String violation = TextRules.violation(content, 1, config.maxMessageLength(), false);
        if (violation != null) {
            throw ApiException.badRequest("content", violation);
        }
        return TextRules.nfc(content);
    }
}
