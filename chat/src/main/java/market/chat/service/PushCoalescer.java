package market.chat.service;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import market.chat.client.NotifyClient;
import market.chat.config.ChatConfig;
import market.chat.domain.MessageType;
import market.chat.domain.MessageView;
import market.chat.domain.Room;
import market.common.events.EventType;
import market.common.events.InternalEvent;
import org.jboss.logging.Logger;

/**
 * One push per room and offline recipient per window instead of one per message: the first message of a quiet
 * room is pushed at once and opens a window (a Redis key, so it holds across replicas); messages arriving while
 * it is open, on any replica, are only counted; when it closes, the replica that opened it sends one
 * "새 메시지 N개" push naming the last of them, unless the recipient has come online meanwhile. A burst of
 * messages thus costs notify (and the phone) two pushes, not one per message, before the bulkhead.
 *
 * <p>If the opening replica stops within the window, that window's summary is lost (the messages are stored
 * and counted unread; the window key expires 5 s after the window). Without Redis every message is pushed, as
 * before coalescing: a push too many beats a missed one.
 */
@ApplicationScoped
public class PushCoalescer {

    private static final Logger LOG = Logger.getLogger(PushCoalescer.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(1);
    static final int MAX_BODY = 140;

    // KEYS: window, counter. ARGV: token, window TTL ms, message id. 1 = window opened (push now), 0 = counted.
    private static final String NOTE = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
            redis.call('HINCRBY', KEYS[2], 'n', 1)
            redis.call('HSET', KEYS[2], 'last', ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            return 0
            """;
    // Closes the window opened with this token and takes its count: {n, last message id}; nothing if not ours.
    private static final String CLOSE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {} end
            redis.call('DEL', KEYS[1])
            local n = redis.call('HGET', KEYS[2], 'n') or '0'
            local last = redis.call('HGET', KEYS[2], 'last') or '0'
            redis.call('DEL', KEYS[2])
            return {n, last}
            """;

    private final RedisLink redis;
    private final Presence presence;
    private final NotifyClient notify;
    private final Vertx vertx;
    private final String instanceId;
    private final Duration window;

    public PushCoalescer(
            RedisLink redis, Presence presence, NotifyClient notify, Vertx vertx, Fanout fanout, ChatConfig config) {
        this.redis = redis;
        this.presence = presence;
        this.notify = notify;
        this.vertx = vertx;
        this.instanceId = fanout.instanceId();
        this.window = config.pushWindow();
    }

    /** A message for a recipient with no connection anywhere. Non-blocking. */
    public void offline(Room room, String recipient, MessageView m) {
        if (MessageType.OFFER.name().equals(m.type())) {
            // A price offer is the seller's to answer: pushed on its own (PRICE_OFFER), never folded into a
            // "새 메시지 N개" summary. A buyer has one open offer at a time, so this cannot flood anyone.
            notify.publish(priceOffer(room, recipient, m));
            return;
        }
        if (window.isZero()) {
            notify.publish(single(room, recipient, m));
            return;
        }
        String token = instanceId + ":" + m.id();
        // The key outlives the window only by a margin for the closing timer: if closing fails (Redis hiccup),
        // messages are counted without a push for at most that much longer.
        String ttl = Long.toString(window.toMillis() + 5_000);
        redis.send(
                        Request.cmd(Command.EVAL)
                                .arg(NOTE)
                                .arg(2)
                                .arg(windowKey(recipient, room.id()))
                                .arg(countKey(recipient, room.id()))
                                .arg(token)
                                .arg(ttl)
                                .arg(m.id()),
                        REDIS_TIMEOUT)
                .subscribe()
                .with(
                        opened -> {
                            if (opened.toLong() == 1) {
                                notify.publish(single(room, recipient, m));
                                vertx.setTimer(window.toMillis(), id -> close(room, recipient, token));
                            }
                        },
                        failure -> {
                            LOG.debugf(
                                    "Push window for room %d unknown (Redis: %s); pushing message %d on its own",
                                    (Object) room.id(), failure.getMessage(), (Object) m.id());
                            notify.publish(single(room, recipient, m));
                        });
    }

    private void close(Room room, String recipient, String token) {
        redis.send(
                        Request.cmd(Command.EVAL)
                                .arg(CLOSE)
                                .arg(2)
                                .arg(windowKey(recipient, room.id()))
                                .arg(countKey(recipient, room.id()))
                                .arg(token),
                        REDIS_TIMEOUT)
                .subscribe()
                .with(
                        counted -> {
                            if (counted == null
                                    || counted.size() < 2
                                    || counted.get(0).toLong() == 0) {
                                return;
                            }
                            long n = counted.get(0).toLong();
                            long last = counted.get(1).toLong();
                            presence.isOnline(recipient).subscribe().with(online -> {
                                if (!online) {
                                    notify.publish(summary(room, recipient, n, last));
                                }
                            });
                        },
                        failure -> LOG.debugf(
                                "Push window of room %d not closed (Redis: %s); its summary is skipped",
                                (Object) room.id(), failure.getMessage()));
    }

    private static InternalEvent single(Room room, String recipient, MessageView m) {
        String body = m.appointment() != null
                ? "약속: " + m.appointment().at() + " · " + m.appointment().place()
                : m.photos() != null ? photos(m) : m.content();
        if (body.codePointCount(0, body.length()) > MAX_BODY) {
            body = body.substring(0, body.offsetByCodePoints(0, MAX_BODY - 1)) + "…";
        }
        return new InternalEvent(
                "chat-message-" + m.id(),
                EventType.CHAT_MESSAGE,
                recipient,
                room.nicknameOf(m.senderId()),
                body,
                data(room, m.id()));
    }

    /** "사진을 보냈어요", "사진 3장을 보냈어요", or with a caption "사진 3장: 이거요". */
    static String photos(MessageView m) {
        int n = m.photos().size();
        String what = n == 1 ? "사진" : "사진 " + n + "장";
        return m.content().isEmpty() ? what + "을 보냈어요" : what + ": " + m.content();
    }

    private static InternalEvent priceOffer(Room room, String recipient, MessageView m) {
        Map<String, Object> data = data(room, m.id());
        data.put("amount", Long.toString(m.offer().amount()));
        return new InternalEvent(
                "price-offer-" + m.id(),
                EventType.PRICE_OFFER,
                recipient,
                room.nicknameOf(m.senderId()) + "님의 가격 제안",
                m.content(),
                data);
    }

    private static InternalEvent summary(Room room, String recipient, long count, long lastId) {
        Map<String, Object> data = data(room, lastId);
        data.put("count", Long.toString(count));
        return new InternalEvent(
                "chat-summary-" + lastId,
                EventType.CHAT_MESSAGE,
                recipient,
                room.nicknameOf(room.otherThan(recipient)),
                "새 메시지 " + count + "개",
                data);
    }

    /** Values as strings, as chat always sent them (notify would take numbers too). */
    private static Map<String, Object> data(Room room, long messageId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("roomId", Long.toString(room.id()));
        data.put("productId", Long.toString(room.productId()));
        data.put("messageId", Long.toString(messageId));
        return data;
    }

    // One hash slot per (recipient, room), so both keys of a script live together on a Redis Cluster too.
    static String windowKey(String recipient, long roomId) {
        return "chat:push:{" + recipient + ":" + roomId + "}";
    }

    static String countKey(String recipient, long roomId) {
        return windowKey(recipient, roomId) + ":n";
    }
}
