package kr.ddangn.market

import io.flutter.embedding.android.FlutterActivity

class MainActivity : FlutterActivity()
