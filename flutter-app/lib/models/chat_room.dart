import 'user_ref.dart';

/// The listing a chat room is about, as chat knows it.
class RoomProduct {
  const RoomProduct({
    required this.id,
    required this.title,
    required this.price,
    required this.status,
    this.thumbnailUrl,
  });

  final int id;
  final String title;

  /// KRW; 0 is 나눔, which takes no price offer.
  final int price;

  /// ON_SALE, RESERVED or SOLD.
  final String status;
  final String? thumbnailUrl;

  bool get onSale => status == 'ON_SALE';

  factory RoomProduct.fromJson(Map<String, dynamic> json) {
    return RoomProduct(
      id: json['id'] as int,
      title: json['title'] as String,
      price: json['price'] as int,
      status: json['status'] as String,
      thumbnailUrl: json['thumbnailUrl'] as String?,
    );
  }
}

/// A 1:1 room (`GET /api/chat/rooms/{id}`): its listing, seller and buyer. A [closed] room (one party left,
/// 탈퇴) and a [blocked] one (one blocked the other, 차단) are read-only.
class ChatRoom {
  const ChatRoom({
    required this.id,
    required this.product,
    required this.seller,
    required this.buyer,
    required this.closed,
    required this.blocked,
  });

  final int id;
  final RoomProduct product;
  final UserRef seller;
  final UserRef buyer;
  final bool closed;
  final bool blocked;

  /// The other participant for [userId].
  UserRef otherThan(String? userId) => seller.id == userId ? buyer : seller;

  factory ChatRoom.fromJson(Map<String, dynamic> json) {
    return ChatRoom(
      id: json['id'] as int,
      product: RoomProduct.fromJson(json['product'] as Map<String, dynamic>),
      seller: UserRef.fromJson(json['seller'] as Map<String, dynamic>),
      buyer: UserRef.fromJson(json['buyer'] as Map<String, dynamic>),
      closed: json['closed'] as bool,
      blocked: json['blocked'] as bool,
    );
  }
}
