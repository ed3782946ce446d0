import 'dart:async';

import 'package:geolocator/geolocator.dart';

/// Where the device is, in WGS84 degrees.
class GeoPosition {
  const GeoPosition({required this.lat, required this.lng});

  final double lat;
  final double lng;
}

/// Why no position could be had: the user refused the permission, location services are off, or the
/// platform gave none in time.
enum LocationProblem { denied, disabled, failed }

class LocationFailure implements Exception {
  const LocationFailure(this.problem);

  final LocationProblem problem;

  @override
  String toString() => 'LocationFailure(${problem.name})';
}

/// The device's position, once (동네 인증). An interface so widget tests use a fake, without the plugin.
abstract class LocationSource {
  /// Asks for the permission when it was not given yet; throws [LocationFailure].
  Future<GeoPosition> current();
}

/// [LocationSource] over the geolocator plugin (Android: FusedLocationProviderClient; the manifest
/// declares ACCESS_COARSE_LOCATION and ACCESS_FINE_LOCATION, so Android 12+ lets the user pick
/// "approximate", which is enough: the check passes within 3 km of the 동's point).
class GeolocatorLocationSource implements LocationSource {
  const GeolocatorLocationSource();

  static const _timeLimit = Duration(seconds: 15);

  @override
  Future<GeoPosition> current() async {
    try {
      if (!await Geolocator.isLocationServiceEnabled()) {
        throw const LocationFailure(LocationProblem.disabled);
      }
      var permission = await Geolocator.checkPermission();
      if (permission == LocationPermission.denied) {
        permission = await Geolocator.requestPermission();
      }
      if (permission == LocationPermission.denied ||
          permission == LocationPermission.deniedForever ||
          permission == LocationPermission.unableToDetermine) {
        throw const LocationFailure(LocationProblem.denied);
      }
      final position = await Geolocator.getCurrentPosition(
        locationSettings: const LocationSettings(accuracy: LocationAccuracy.medium, timeLimit: _timeLimit),
      );
      return GeoPosition(lat: position.latitude, lng: position.longitude);
    } on LocationFailure {
      rethrow;
    } on PermissionDeniedException {
      throw const LocationFailure(LocationProblem.denied);
    } on LocationServiceDisabledException {
      throw const LocationFailure(LocationProblem.disabled);
    } on TimeoutException {
      throw const LocationFailure(LocationProblem.failed);
    } on Exception {
      // PlatformException and the plugin's other failures: no position, nothing more to tell the user.
      throw const LocationFailure(LocationProblem.failed);
    }
  }
}
