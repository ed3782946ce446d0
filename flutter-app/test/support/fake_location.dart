import 'package:ddangn_market/location/location_source.dart';

/// The device "is" near 역삼역 (inside 역삼1동), or fails the way [failure] says.
class FakeLocationSource implements LocationSource {
  FakeLocationSource({this.position = const GeoPosition(lat: 37.500123, lng: 127.036456), this.failure});

  GeoPosition position;
  LocationFailure? failure;
  int asked = 0;

  @override
  Future<GeoPosition> current() async {
    asked++;
    final failure = this.failure;
    if (failure != null) {
      throw failure;
    }
    return position;
  }
}
