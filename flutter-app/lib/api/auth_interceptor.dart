import 'package:dio/dio.dart';

/// Where the API client gets bearer tokens; implemented by the auth controller.
abstract class AccessTokenSource {
  /// A usable access token (refreshed first when it is about to expire), or null when signed out.
  Future<String?> accessToken();

  /// Called after the API rejected [rejected] with 401: refresh once and return the new token,
  /// or null when the session is gone (the user is then signed out).
  Future<String?> refreshAfterUnauthorized(String rejected);
}

/// Adds `Authorization: Bearer …` and, on a 401, refreshes the token once and replays the request.
class AuthInterceptor extends Interceptor {
  AuthInterceptor(this._tokens, this._dio);

  static const _retriedKey = 'market.retried';

  final AccessTokenSource _tokens;
  final Dio _dio;

  @override
  Future<void> onRequest(RequestOptions options, RequestInterceptorHandler handler) async {
    options.headers.remove('Authorization');
    if (options.extra[_retriedKey] != 'anonymous') {
      final token = await _tokens.accessToken();
      if (token != null) {
        options.headers['Authorization'] = 'Bearer $token';
      }
    }
    handler.next(options);
  }

  @override
  Future<void> onError(DioException err, ErrorInterceptorHandler handler) async {
    final request = err.requestOptions;
    final sent = request.headers['Authorization'];
    if (err.response?.statusCode != 401 || sent is! String || request.extra[_retriedKey] != null) {
      handler.next(err);
      return;
    }
    final fresh = await _tokens.refreshAfterUnauthorized(sent.substring('Bearer '.length));
    // Without a session, browsing still works anonymously; anything else answers 401 again.
    request.extra[_retriedKey] = fresh == null ? 'anonymous' : 'refreshed';
    try {
      handler.resolve(await _dio.fetch<dynamic>(request));
    } on DioException catch (retryError) {
      handler.next(retryError);
    }
  }
}
