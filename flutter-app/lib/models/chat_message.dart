/// A chat message (`GET /api/chat/rooms/{id}/messages`), ascending by id within its room.
class ChatMessage {
  const ChatMessage({
    required this.id,
    required this.roomId,
    this.senderId,
    required this.type,
    required this.content,
    this.offer,
    this.photos = const [],
    this.clientMsgId,
    required this.sentAt,
  });

  final int id;
  final int roomId;

  /// Null for SYSTEM messages.
  final String? senderId;

  /// TEXT, APPOINTMENT, OFFER (가격 제안), PHOTO or SYSTEM.
  final String type;

  /// The text; on a PHOTO message the optional caption (empty without one).
  final String content;

  /// On an OFFER message the offer's current state; on the SYSTEM message recording a change (accepted,
  /// declined, withdrawn) the state that change made. Null on every other message.
  final ChatOffer? offer;

  /// A PHOTO message's photos in upload order (up to 10); empty on every other message.
  final List<ChatPhoto> photos;
  final String? clientMsgId;
  final DateTime sentAt;

  factory ChatMessage.fromJson(Map<String, dynamic> json) {
    return ChatMessage(
      id: json['id'] as int,
      roomId: json['roomId'] as int,
      senderId: json['senderId'] as String?,
      type: json['type'] as String,
      content: (json['content'] as String?) ?? '',
      offer: switch (json['offer'] as Map<String, dynamic>?) {
        final Map<String, dynamic> o => ChatOffer.fromJson(o),
        null => null,
      },
      photos: (json['photos'] as List<dynamic>?)
              ?.map((p) => ChatPhoto.fromJson(p as Map<String, dynamic>))
              .toList(growable: false) ??
          const [],
      clientMsgId: json['clientMsgId'] as String?,
      sentAt: DateTime.parse(json['sentAt'] as String),
    );
  }
}

/// 가격 제안: the amount a buyer offered (KRW) and where it stands. [offerId] is the OFFER message's id.
class ChatOffer {
  const ChatOffer({required this.offerId, required this.amount, required this.status});

  final int offerId;
  final int amount;

  /// PENDING, ACCEPTED, DECLINED or WITHDRAWN.
  final String status;

  bool get isPending => status == 'PENDING';

  factory ChatOffer.fromJson(Map<String, dynamic> json) {
    return ChatOffer(
      offerId: json['offerId'] as int,
      amount: json['amount'] as int,
      status: json['status'] as String,
    );
  }
}

/// One photo of a PHOTO message. [url] (full size) and [thumbnailUrl] are `/api/chat/photos/{key}`, served only
/// to the room's two parties with their bearer token; [width] and [height] are the full-size photo's pixels.
class ChatPhoto {
  const ChatPhoto({required this.url, required this.thumbnailUrl, required this.width, required this.height});

  final String url;
  final String thumbnailUrl;
  final int width;
  final int height;

  factory ChatPhoto.fromJson(Map<String, dynamic> json) {
    return ChatPhoto(
      url: json['url'] as String,
      thumbnailUrl: json['thumbnailUrl'] as String,
      width: json['width'] as int,
      height: json['height'] as int,
    );
  }
}
