package market.chat.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import market.chat.config.ChatConfig;
import market.chat.domain.MessageView;
import market.chat.domain.Room;
import market.chat.storage.MessageStore;
import market.chat.storage.PhotoStore;
import market.common.api.ApiException;
import market.common.api.PhotoUploads;
import market.common.images.ImageFormat;
import market.common.images.ImageProcessor;
import market.common.images.PhotoObjects;
import market.common.images.ProcessedImage;
import market.common.limits.Action;
import market.common.limits.RateLimiter;
import org.jboss.logging.Logger;

/**
 * Photos in chat: a PHOTO message of 1 to 10 photos, through the pipeline of listing photos. Everything that can
 * refuse the message is checked first (the room, a block, 탈퇴, a resent clientMsgId), then every photo is processed
 * (content sniffing, metadata stripped, thumbnails), then the objects are stored, and only then are the message and
 * its photo rows written in one statement. Whatever fails after the objects were stored removes them again, and so
 * does a resend that lost the race to the first send: no object outlives a message that was not stored. The message
 * then goes out like any other (live to both parties, a push to an offline recipient).
 *
 * <p>Serving a photo: only to the two parties of its room, and 404 to everyone else whether or not it exists.
 */
@ApplicationScoped
public class PhotoService {

    private static final Logger LOG = Logger.getLogger(PhotoService.class);

    /** At most this many photos in one message. */
    public static final int MAX_PHOTOS = 10;

    private final ImageProcessor processor = new ImageProcessor();
    private final ProcessingGate gate;
    private final MessageStore messages;
    private final PhotoStore bucket;
    private final RoomService rooms;
    private final Blocks blocks;
    private final RateLimiter limiter;
    private final ChatService chat;

    public PhotoService(
            MessageStore messages,
            PhotoStore bucket,
            RoomService rooms,
            Blocks blocks,
            RateLimiter limiter,
            ChatService chat,
            ChatConfig config) {
        this.gate = new ProcessingGate(config.photoProcessingConcurrency(), config.photoProcessingWait());
        this.messages = messages;
        this.bucket = bucket;
        this.rooms = rooms;
        this.blocks = blocks;
        this.limiter = limiter;
        this.chat = chat;
    }

    /**
     * Stores and delivers a PHOTO message with these uploaded files (in order, each checked to be at most 10 MB) and
     * an optional caption; returns once it is committed. With a clientMsgId sent before by the same sender, the first
     * message is returned and nothing is stored. Blocking (decodes images). A file is read only when its turn to be
     * processed comes, so an upload waiting for the gate holds no photo in memory.
     */
    public ChatService.Sent send(long roomId, String senderId, List<Path> files, String caption, String clientMsgId) {
        if (files.isEmpty() || files.size() > MAX_PHOTOS) {
            throw new IllegalArgumentException("1 to " + MAX_PHOTOS + " photos, checked by the caller");
        }
        String text = caption == null || caption.isEmpty() ? "" : chat.validContent(caption);
        Room room = rooms.access(roomId, senderId);
        blocks.requireNotBlocked(room, senderId);
        if (room.closed()) {
            throw ChatService.closed();
        }
        if (clientMsgId != null) {
            // a retry of a message already stored costs nothing (not even a rate-limit token)
            Optional<MessageView> first = messages.resent(roomId, senderId, clientMsgId);
            if (first.isPresent()) {
                return new ChatService.Sent(room, first.get(), false);
            }
        }
        RateLimiter.Decision allowed = limiter.acquire(Action.CHAT_PHOTO, senderId);
        if (!allowed.allowed()) {
            throw ApiException.tooManyRequests("You are sending photos too fast", allowed.retryAfterSeconds());
        }
        // the turn is kept until the photos are in the bucket: the processed bytes count against the same bound
        List<PhotoObjects.Stored> stored = gate.run(() -> {
            List<ProcessedImage> processed = files.stream()
                    .map(file -> processor.process(PhotoUploads.read(file)))
                    .toList();
            return PhotoObjects.store(bucket, PhotoStore.KEY_PREFIX, processed);
        });
        MessageStore.Appended appended;
        try {
            appended = messages.appendPhotos(roomId, senderId, text, stored, clientMsgId)
                    .orElseThrow(() -> ApiException.notFound("Room"));
        } catch (RuntimeException e) {
            removeUnlessRecorded(stored);
            throw e;
        }
        if (!appended.created()) {
            // closed meanwhile, or the same clientMsgId was stored by a concurrent request: ours are not needed
            PhotoObjects.remove(bucket, stored);
        }
        Room now = appended.room().requireParticipant(senderId);
        if (appended.message() == null && now.closed()) {
            throw ChatService.closed();
        }
        if (appended.message() == null) {
            throw new IllegalStateException("Photo message of room " + roomId + " was neither stored nor a resend");
        }
        ChatService.Sent sent = new ChatService.Sent(now, appended.message(), appended.created());
        if (sent.created()) {
            chat.deliver(now, senderId, sent.message());
        }
        return sent;
    }

    /**
     * After a failed insert: the objects go only when it is certain no message points at them. The statement may have
     * committed before the failure reached us (a connection lost while reading its answer); when even that cannot be
     * asked, the objects stay — an unused object costs storage, a message whose photos are gone loses accepted data.
     */
    private void removeUnlessRecorded(List<PhotoObjects.Stored> stored) {
        boolean recorded;
        try {
            recorded = messages.photoRecorded(stored.get(0).objectKey());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not tell whether %d chat photo object(s) were recorded; keeping them: %s",
                    stored.size(), e.toString());
            return;
        }
        if (!recorded) {
            PhotoObjects.remove(bucket, stored);
        }
    }

    /**
     * The photo or thumbnail a client names by {@code key} (the random part of its object key), if {@code userId}
     * takes part in its room: 404 otherwise, and when the bucket's object is no longer the recorded format.
     */
    public PhotoObjects.Opened open(String userId, String key) {
        if (!PhotoObjects.isKey(key)) {
            throw ApiException.notFound("Photo");
        }
        String objectKey = PhotoStore.objectKey(key);
        ImageFormat format = messages.photoType(objectKey, userId)
                .map(ImageFormat::ofContentType)
                .orElseThrow(() -> ApiException.notFound("Photo"));
        return PhotoObjects.open(bucket, objectKey, format);
    }
}
