package market.chat.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(
        long id,
        long roomId,
        String senderId,
        String type,
        String content,
        Appointment appointment,
        OfferView offer,
        // PHOTO only: the photos in the order they were uploaded
        List<PhotoView> photos,
        String clientMsgId,
        OffsetDateTime sentAt) {

    /** The same message with its photos (read separately from the message row when it was just written). */
    public MessageView withPhotos(List<PhotoView> photos) {
        return new MessageView(id, roomId, senderId, type, content, appointment, offer, photos, clientMsgId, sentAt);
    }
}
