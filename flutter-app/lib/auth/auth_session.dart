import 'dart:convert';

/// Tokens of a signed-in user, as kept in secure storage.
class AuthSession {
  const AuthSession({
    required this.accessToken,
    this.refreshToken,
    this.idToken,
    required this.expiresAt,
  });

  final String accessToken;
  final String? refreshToken;
  final String? idToken;
  final DateTime expiresAt;

  bool expiresWithin(Duration margin, DateTime now) => !now.add(margin).isBefore(expiresAt);

  /// Claims of the access token, read for display only: the services verify the signature.
  Map<String, dynamic> get claims => decodeJwtPayload(accessToken);

  /// Keycloak `sub`: the user id everywhere in the API.
  String? get userId => claims['sub'] as String?;

  String? get username => claims['preferred_username'] as String?;

  Map<String, dynamic> toJson() {
    return <String, dynamic>{
      'accessToken': accessToken,
      'refreshToken': refreshToken,
      'idToken': idToken,
      'expiresAt': expiresAt.toUtc().toIso8601String(),
    };
  }

  factory AuthSession.fromJson(Map<String, dynamic> json) {
    return AuthSession(
      accessToken: json['accessToken'] as String,
      refreshToken: json['refreshToken'] as String?,
      idToken: json['idToken'] as String?,
      expiresAt: DateTime.parse(json['expiresAt'] as String),
    );
  }
}

/// The payload of a JWT without verifying it; an empty map when it is not a JWT.
Map<String, dynamic> decodeJwtPayload(String token) {
  final parts = token.split('.');
  if (parts.length != 3) {
    return const <String, dynamic>{};
  }
  try {
    final payload = utf8.decode(base64Url.decode(base64Url.normalize(parts[1])));
    final decoded = jsonDecode(payload);
    return decoded is Map<String, dynamic> ? decoded : const <String, dynamic>{};
  } on FormatException {
    return const <String, dynamic>{};
  }
}
