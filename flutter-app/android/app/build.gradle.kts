plugins {
    id("com.android.application")
    id("kotlin-android")
    // The Flutter Gradle Plugin must be applied after the Android and Kotlin Gradle plugins.
    id("dev.flutter.flutter-gradle-plugin")
}

// Firebase is configured by the developer's own google-services.json (git-ignored; see README and
// google-services.json.example). Without it the app still builds and runs, with push turned off.
if (file("google-services.json").exists()) {
    apply(plugin = "com.google.gms.google-services")
} else {
    logger.warn("android/app/google-services.json is missing: building without Firebase (no push). See flutter-app/README.md.")
}

android {
    namespace = "kr.ddangn.market"
    // flutter_local_notifications 19 needs 35.
    compileSdk = maxOf(flutter.compileSdkVersion, 35)
    ndkVersion = flutter.ndkVersion

    compileOptions {
        // flutter_local_notifications needs java.time on old Android versions.
        isCoreLibraryDesugaringEnabled = true
        sourceCompatibility = JavaVersion.VERSION_11
        targetCompatibility = JavaVersion.VERSION_11
    }

    kotlinOptions {
        jvmTarget = JavaVersion.VERSION_11.toString()
    }

    defaultConfig {
        applicationId = "kr.ddangn.market"
        // flutter_secure_storage (EncryptedSharedPreferences) and firebase_messaging need 23.
        minSdk = maxOf(flutter.minSdkVersion, 23)
        targetSdk = flutter.targetSdkVersion
        versionCode = flutter.versionCode
        versionName = flutter.versionName
        // flutter_appauth: RedirectUriReceiverActivity answers kr.ddangn.market:/oauth2redirect.
        manifestPlaceholders.putAll(mapOf("appAuthRedirectScheme" to "kr.ddangn.market"))
    }

    buildTypes {
        release {
            // Signed with the debug key so `flutter build apk` works out of the box; use your own
            // upload key (key.properties, git-ignored) for a store release.
            signingConfig = signingConfigs.getByName("debug")
        }
    }
}

flutter {
    source = "../.."
}

dependencies {
    coreLibraryDesugaring("com.android.tools:desugar_jdk_libs:2.1.4")
}
