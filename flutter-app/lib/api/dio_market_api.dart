import 'dart:convert';

import 'package:dio/dio.dart';

import '../config.dart';
import '../models/models.dart';
import 'api_exception.dart';
import 'auth_interceptor.dart';
import 'market_api.dart';

/// [MarketApi] over HTTP with Dio, against the gateway at [AppConfig.apiBaseUrl].
class DioMarketApi implements MarketApi {
  DioMarketApi(this._dio);

  factory DioMarketApi.create(AppConfig config, AccessTokenSource tokens) {
    final dio = Dio(
      BaseOptions(
        baseUrl: config.apiBaseUrl,
        connectTimeout: const Duration(seconds: 10),
        receiveTimeout: const Duration(seconds: 20),
        sendTimeout: const Duration(seconds: 20),
        headers: <String, dynamic>{'Accept': 'application/json'},
        contentType: Headers.jsonContentType,
      ),
    );
    dio.interceptors.add(AuthInterceptor(tokens, dio));
    return DioMarketApi(dio);
  }

  final Dio _dio;

  @override
  Future<List<Category>> categories() {
    return _get('/api/categories', (data) {
      return (data as List<dynamic>)
          .map((e) => Category.fromJson(e as Map<String, dynamic>))
          .toList();
    });
  }

  @override
  Future<CursorPage<ProductListItem>> products({
    ProductQuery query = const ProductQuery(),
    String? cursor,
    int size = 20,
  }) {
    return _get(
      '/api/products',
      (data) => CursorPage.fromJson(_object(data), ProductListItem.fromJson),
      query: <String, dynamic>{
        ...query.toQueryParameters(),
        'size': size,
        if (cursor != null) 'cursor': cursor,
      },
    );
  }

  @override
  Future<Product> product(int id) {
    return _get('/api/products/$id', (data) => Product.fromJson(_object(data)));
  }

  @override
  Future<void> like(int productId) => _send('PUT', '/api/products/$productId/like');

  @override
  Future<void> unlike(int productId) => _send('DELETE', '/api/products/$productId/like');

  @override
  Future<CursorPage<Comment>> comments(int productId, {String? cursor, int size = 20}) {
    return _get(
      '/api/products/$productId/comments',
      (data) => CursorPage.fromJson(_object(data), Comment.fromJson),
      query: <String, dynamic>{'size': size, if (cursor != null) 'cursor': cursor},
    );
  }

  @override
  Future<Comment> addComment(int productId, String content) {
    return _post(
      '/api/products/$productId/comments',
      <String, dynamic>{'content': content},
      (data) => Comment.fromJson(_object(data)),
    );
  }

  @override
  Future<PublicProfile> user(String userId) {
    return _get('/api/users/${Uri.encodeComponent(userId)}',
        (data) => PublicProfile.fromJson(_object(data)));
  }

  @override
  Future<CursorPage<ReceivedReview>> userReviews(String userId, {String? cursor, int size = 20}) {
    return _get(
      '/api/users/${Uri.encodeComponent(userId)}/reviews',
      (data) => CursorPage.fromJson(_object(data), ReceivedReview.fromJson),
      query: <String, dynamic>{'size': size, if (cursor != null) 'cursor': cursor},
    );
  }

  @override
  Future<MyProfile> me() => _get('/api/me', (data) => MyProfile.fromJson(_object(data)));

  @override
  Future<void> deleteAccount() => _send('DELETE', '/api/me');

  @override
  Future<MyProfile> updateMe(ProfileUpdate update) {
    return _call(() async {
      final version = update.version;
      final response = await _dio.put<dynamic>(
        '/api/me',
        data: update.toJson(),
        options: version == null ? null : Options(headers: <String, dynamic>{'If-Match': '"$version"'}),
      );
      return MyProfile.fromJson(_object(response.data));
    });
  }

  @override
  Future<MyProfile> verifyRegion({required double lat, required double lng, String? regionCode}) {
    return _post(
      '/api/me/region-verification',
      <String, dynamic>{
        'lat': _sixDecimals(lat),
        'lng': _sixDecimals(lng),
        if (regionCode != null) 'regionCode': regionCode,
      },
      (data) => MyProfile.fromJson(_object(data)),
    );
  }

  @override
  Future<Region> region(String code) {
    return _get('/api/regions/${Uri.encodeComponent(code)}', (data) => Region.fromJson(_object(data)));
  }

  @override
  Future<List<Region>> searchRegions(String q, {int size = 20}) {
    return _get(
      '/api/regions',
      (data) => CursorPage.fromJson(_object(data), Region.fromJson).items,
      query: <String, dynamic>{'q': q, 'size': size},
    );
  }

  @override
  Future<void> block(String userId) {
    // 201 with the block, or 200 when it already existed: either way the user is blocked.
    return _post('/api/me/blocks', <String, dynamic>{'userId': userId}, (_) {});
  }

  @override
  Future<void> unblock(String userId) => _send('DELETE', '/api/me/blocks/${Uri.encodeComponent(userId)}');

  @override
  Future<CursorPage<BlockedUser>> blocks({String? cursor, int size = 20}) {
    return _get(
      '/api/me/blocks',
      (data) => CursorPage.fromJson(_object(data), BlockedUser.fromJson),
      query: <String, dynamic>{'size': size, if (cursor != null) 'cursor': cursor},
    );
  }

  @override
  Future<Report> report({
    required ReportTarget targetType,
    required String targetId,
    required ReportReason reason,
    String? text,
  }) {
    final details = text?.trim();
    return _post(
      '/api/reports',
      <String, dynamic>{
        'targetType': targetType.wire,
        'targetId': targetId,
        'reason': reason.wire,
        if (details != null && details.isNotEmpty) 'text': details,
      },
      (data) => Report.fromJson(_object(data)),
    );
  }

  @override
  Future<CursorPage<Notice>> notices({String? cursor, int size = 20}) {
    return _get(
      '/api/notices',
      (data) => CursorPage.fromJson(_object(data), Notice.fromJson),
      query: <String, dynamic>{'size': size, if (cursor != null) 'cursor': cursor},
    );
  }

  @override
  Future<InboxPage> inbox({String? cursor, int size = 20}) {
    return _get(
      '/api/me/notifications',
      (data) => InboxPage.fromJson(_object(data)),
      query: <String, dynamic>{'size': size, if (cursor != null) 'cursor': cursor},
    );
  }

  @override
  Future<int> markInboxRead(int upToId) {
    return _post(
      '/api/me/notifications/read',
      <String, dynamic>{'upToId': upToId},
      (data) => _object(data)['unreadCount'] as int,
    );
  }

  @override
  Future<NotificationSettings> notificationSettings() {
    return _get('/api/me/notification-settings',
        (data) => NotificationSettings.fromJson(_object(data)));
  }

  @override
  Future<NotificationSettings> updateNotificationSettings(NotificationSettings settings) {
    return _call(() async {
      final response = await _dio.put<dynamic>(
        '/api/me/notification-settings',
        data: settings.toJson(),
      );
      return NotificationSettings.fromJson(_object(response.data));
    });
  }

  @override
  Future<void> registerDevice(String token, {String platform = 'ANDROID'}) {
    return _post(
      '/api/devices',
      <String, dynamic>{'token': token, 'platform': platform},
      (_) {},
    );
  }

  @override
  Future<void> unregisterDevice(String token) {
    return _send('DELETE', '/api/devices/${Uri.encodeComponent(token)}');
  }

  @override
  Future<int> openChatRoom(int productId) {
    return _post(
      '/api/chat/rooms',
      <String, dynamic>{'productId': productId},
      (data) => _object(data)['id'] as int,
    );
  }

  @override
  Future<ChatRoom> chatRoom(int roomId) {
    return _get('/api/chat/rooms/$roomId', (data) => ChatRoom.fromJson(_object(data)));
  }

  @override
  Future<ChatMessage> sendOffer(int roomId, int amount, {required String clientMsgId}) {
    // No content: the server writes "가격 제안: 400,000원".
    return _post(
      '/api/chat/rooms/$roomId/messages',
      <String, dynamic>{
        'clientMsgId': clientMsgId,
        'offer': <String, dynamic>{'amount': amount},
      },
      (data) => ChatMessage.fromJson(_object(data)),
    );
  }

  @override
  Future<ChatMessage> answerOffer(int roomId, int offerId, OfferAnswer answer, {bool reserve = true}) {
    return _call(() async {
      final response = await _dio.post<dynamic>(
        '/api/chat/rooms/$roomId/offers/$offerId/${answer.name}',
        // accept takes {"reserve"}; decline and withdraw take no body.
        data: answer == OfferAnswer.accept ? <String, dynamic>{'reserve': reserve} : null,
      );
      return ChatMessage.fromJson(_object(response.data));
    });
  }

  @override
  Future<CursorPage<ChatMessage>> messages(int roomId, {int? after, int size = 50}) {
    return _get(
      '/api/chat/rooms/$roomId/messages',
      (data) => CursorPage.fromJson(_object(data), ChatMessage.fromJson),
      query: <String, dynamic>{'size': size, if (after != null) 'after': after},
    );
  }

  @override
  Future<ChatMessage> sendMessage(int roomId, String content, {required String clientMsgId}) {
    return _post(
      '/api/chat/rooms/$roomId/messages',
      <String, dynamic>{'content': content, 'clientMsgId': clientMsgId},
      (data) => ChatMessage.fromJson(_object(data)),
    );
  }

  Future<T> _get<T>(
    String path,
    T Function(Object? data) parse, {
    Map<String, dynamic>? query,
  }) {
    return _call(() async {
      final response = await _dio.get<dynamic>(path, queryParameters: query);
      return parse(response.data);
    });
  }

  Future<T> _post<T>(String path, Map<String, dynamic> body, T Function(Object? data) parse) {
    return _call(() async {
      final response = await _dio.post<dynamic>(path, data: body);
      return parse(response.data);
    });
  }

  Future<void> _send(String method, String path) {
    return _call(() async {
      await _dio.request<dynamic>(path, options: Options(method: method));
    });
  }

  static Map<String, dynamic> _object(Object? data) => data as Map<String, dynamic>;

  /// Six decimals (~0.1 m) is more than 동네 인증 needs, and all the server takes.
  static double _sixDecimals(double degrees) => (degrees * 1e6).roundToDouble() / 1e6;

  static Future<T> _call<T>(Future<T> Function() body) async {
    try {
      return await body();
    } on DioException catch (e) {
      throw toApiException(e);
    }
  }
}

/// Maps a Dio failure to [ApiException], reading the problem+json body when there is one.
ApiException toApiException(DioException e) {
  final response = e.response;
  if (response == null) {
    return ApiException(message: e.message ?? e.type.name);
  }
  Object? body = response.data;
  if (body is String && body.isNotEmpty) {
    try {
      body = jsonDecode(body);
    } on FormatException {
      body = null;
    }
  }
  Problem? problem;
  if (body is Map<String, dynamic> && body['title'] is String && body['status'] is int) {
    problem = Problem.fromJson(body);
  }
  return ApiException(
    statusCode: response.statusCode,
    problem: problem,
    message: problem?.detail ?? problem?.title ?? 'HTTP ${response.statusCode}',
  );
}
