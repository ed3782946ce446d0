import 'dart:convert';
import 'dart:io';

/// A JSON fixture from test/fixtures (the same files tool/check-fixtures.mjs checks against the
/// models and tool/check-live.mjs against a running stack).
Object? fixture(String name) => jsonDecode(File('test/fixtures/$name').readAsStringSync());

Map<String, dynamic> fixtureObject(String name) => fixture(name)! as Map<String, dynamic>;
