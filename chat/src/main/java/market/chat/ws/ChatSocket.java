package market.chat.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import market.chat.service.Blocks;
import market.chat.service.ChatService;
import market.chat.service.Frames;
import market.chat.service.LocalConnections;
import market.chat.service.Presence;
import market.common.api.ApiException;
import market.common.db.StorageFailures;
import market.common.text.NfcStrings;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * One connection per client for all of its rooms. The upgrade needs a user token (header, or the Quarkus
 * subprotocol header for browsers). A bad frame gets an error frame and the connection stays open.
 */
@WebSocket(path = "/ws/chat")
@RolesAllowed("user")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    private static final UserData.TypedKey<String> USER = UserData.TypedKey.forString("userId");
    static final int MESSAGE_TOO_BIG = 1009;
    private static final int INTERNAL_ERROR = 1011;

    private final ChatService chat;
    private final LocalConnections local;
    private final Presence presence;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final SecurityIdentity identity;
    private final Tracer tracer;

    public ChatSocket(
            ChatService chat,
            LocalConnections local,
            Presence presence,
            ObjectMapper mapper,
            Validator validator,
            SecurityIdentity identity,
            Tracer tracer) {
        this.tracer = tracer;
        this.chat = chat;
        this.local = local;
        this.presence = presence;
        this.mapper = mapper;
        this.validator = validator;
        this.identity = identity;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        String userId = identity.getPrincipal() instanceof JsonWebToken jwt
                ? jwt.getSubject()
                : identity.getPrincipal().getName();
        connection.userData().put(USER, userId);
        local.add(userId, connection);
        presence.online(userId);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        String userId = connection.userData().get(USER);
        if (userId != null && local.remove(userId, connection)) {
            presence.offline(userId);
        }
    }

    /**
     * Vert.x reports a message over {@code quarkus.websockets-next.server.max-message-size} (one frame or
     * several) only as this exception and keeps the connection; left unhandled, websockets-next closes it
     * without saying why. RFC 6455 has a code for it: 1009 Message Too Big. A single frame over the larger
     * max-frame-size never gets here: Vert.x's frame decoder drops that connection without a close frame.
     */
    @OnError
    public Uni<Void> failure(IllegalStateException e, WebSocketConnection connection) {
        if (e.getMessage() != null && e.getMessage().contains("max message size")) {
            return connection.close(new CloseReason(MESSAGE_TOO_BIG, "Message too big"));
        }
        LOG.error("WebSocket failure", e);
        return connection.close(new CloseReason(INTERNAL_ERROR, "Internal error"));
    }

    /**
     * Blocking (worker thread): a send is committed to PostgreSQL before its ack goes out. The ack is handed
     * to the connection without waiting for the write, so a slow reader does not hold a worker thread.
     */
    @OnTextMessage
    public void onText(String text, WebSocketConnection connection) {
        String reply = handle(text, connection);
        if (reply != null) {
            connection
                    .sendText(reply)
                    .subscribe()
                    .with(
                            ok -> {},
                            failure -> LOG.debugf("Reply to a closing connection dropped: %s", failure.getMessage()));
        }
    }

    private String handle(String text, WebSocketConnection connection) {
        String userId = connection.userData().get(USER);
        Frames.Inbound frame;
        try {
            frame = mapper.readValue(text, Frames.Inbound.class);
        } catch (JsonProcessingException e) {
            return error("bad_frame", describe(e), clientMsgIdOf(text));
        }
        if (frame == null || frame.type() == null) {
            return error("bad_frame", "A frame needs a type", null);
        }
        String clientMsgId = frame.clientMsgId();
        try {
            return switch (frame.type()) {
                case "send" -> send(userId, frame);
                case "read" -> {
                    requireRoom(frame);
                    if (frame.messageId() == null || frame.messageId() < 0) {
                        throw ApiException.badRequest("messageId", "must be a message id");
                    }
                    chat.read(frame.roomId(), userId, frame.messageId());
                    yield null;
                }
                case "typing" -> {
                    requireRoom(frame);
                    chat.typing(frame.roomId(), userId);
                    yield null;
                }
                default -> error("unknown_type", "Unknown frame type '" + frame.type() + "'", clientMsgId);
            };
        } catch (ApiException e) {
            var problem = e.toProblem();
            String detail = problem.errors() == null || problem.errors().isEmpty()
                    ? problem.detail()
                    : problem.errors().get(0).field() + ": "
                            + problem.errors().get(0).message();
            return error(e instanceof Blocks.Refused ? "blocked" : code(e.status()), detail, clientMsgId);
        } catch (RuntimeException e) {
            if (StorageFailures.isRejectedValue(e)) {
                return error("bad_frame", "A value contains characters that can not be stored", clientMsgId);
            }
            if (StorageFailures.isUnavailable(e)) {
                return error("unavailable", "Chat storage is unavailable; resend the message shortly", clientMsgId);
            }
            LOG.error("Frame failed", e);
            return error("internal", "Something went wrong on our side", clientMsgId);
        }
    }

    private String send(String userId, Frames.Inbound frame) {
        requireRoom(frame);
        if (frame.clientMsgId() != null && !frame.clientMsgId().matches("[A-Za-z0-9._:-]{1,64}")) {
            throw ApiException.badRequest("clientMsgId", "1..64 letters, digits, '.', '_', ':' or '-'");
        }
        validate("appointment", frame.appointment());
        validate("offer", frame.offer());
        // Each send is its own trace (the handshake that opened the connection is long over); the fan-out
        // carries it to the other replicas and the push to notify.
        Span span = tracer.spanBuilder("chat ws send")
                .setNoParent()
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("market.chat.room_id", frame.roomId().longValue())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            ChatService.Sent sent = chat.send(
                    frame.roomId(), userId, frame.content(), frame.clientMsgId(), frame.appointment(), frame.offer());
            return chat.json(new Frames.Ack(frame.clientMsgId(), sent.message()));
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private void validate(String field, Object value) {
        if (value == null) {
            return;
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            ConstraintViolation<Object> v = violations.iterator().next();
            throw ApiException.badRequest(field + "." + v.getPropertyPath(), v.getMessage());
        }
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "Unknown field '" + u.getPropertyName() + "'";
        }
        if (e instanceof NfcStrings.BrokenText b && !b.getPath().isEmpty()) {
            return "Field '" + b.getPath().get(b.getPath().size() - 1).getFieldName() + "' " + b.getOriginalMessage();
        }
        if (e instanceof JsonMappingException m
                && !m.getPath().isEmpty()
                && m.getPath().get(m.getPath().size() - 1).getFieldName() != null) {
            return "Field '" + m.getPath().get(m.getPath().size() - 1).getFieldName() + "' has the wrong type";
        }
        return "The frame is not valid JSON";
    }

    /** Lets a client match an error to its send even when the frame was otherwise unusable. */
    private String clientMsgIdOf(String text) {
        try {
            JsonNode id = mapper.readTree(text).path("clientMsgId");
            return id.isTextual() ? id.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void requireRoom(Frames.Inbound frame) {
        if (frame.roomId() == null || frame.roomId() <= 0) {
            throw ApiException.badRequest("roomId", "must be a room id");
        }
    }

    private String error(String code, String detail, String clientMsgId) {
        return chat.json(new Frames.Error(code, detail, clientMsgId));
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "bad_frame";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 422 -> "unprocessable";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> "error";
        };
    }
}
