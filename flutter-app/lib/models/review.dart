import 'user_ref.dart';

/// 거래후기 rating; [wire] is the value the API sends.
enum ReviewRating {
  great('GREAT'),
  good('GOOD'),
  bad('BAD');

  const ReviewRating(this.wire);

  final String wire;

  static ReviewRating parse(String value) {
    for (final rating in values) {
      if (rating.wire == value) {
        return rating;
      }
    }
    throw FormatException('unknown review rating', value);
  }
}

/// The listing a review is about.
class ReviewedListing {
  const ReviewedListing({required this.id, required this.title});

  final int id;
  final String title;

  factory ReviewedListing.fromJson(Map<String, dynamic> json) {
    return ReviewedListing(
      id: json['id'] as int,
      title: json['title'] as String,
    );
  }
}

/// A review someone received (`GET /api/users/{id}/reviews`, newest first): who wrote it, as buyer or
/// seller, about which listing.
class ReceivedReview {
  const ReceivedReview({
    required this.id,
    required this.rating,
    this.comment,
    required this.chips,
    required this.reviewer,
    required this.reviewerRole,
    required this.product,
    required this.createdAt,
  });

  final int id;
  final ReviewRating rating;

  /// Null when the reviewer wrote none.
  final String? comment;

  /// Review chip codes, e.g. KIND, ON_TIME (labels: l10n `reviewChip.<code>`).
  final List<String> chips;
  final UserRef reviewer;

  /// BUYER or SELLER: the side the reviewer was on.
  final String reviewerRole;
  final ReviewedListing product;
  final DateTime createdAt;

  factory ReceivedReview.fromJson(Map<String, dynamic> json) {
    return ReceivedReview(
      id: json['id'] as int,
      rating: ReviewRating.parse(json['rating'] as String),
      comment: json['comment'] as String?,
      chips: (json['chips'] as List<dynamic>).map((e) => e as String).toList(),
      reviewer: UserRef.fromJson(json['reviewer'] as Map<String, dynamic>),
      reviewerRole: json['reviewerRole'] as String,
      product: ReviewedListing.fromJson(json['product'] as Map<String, dynamic>),
      createdAt: DateTime.parse(json['createdAt'] as String),
    );
  }
}
