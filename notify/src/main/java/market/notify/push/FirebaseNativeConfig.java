package market.notify.push;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * firebase-admin builds FCM requests and reads FCM/IID answers with google-http-client's JSON mapping, which
 * finds the {@code @Key} fields of these classes by reflection. In a native executable a class not registered
 * here is serialised as an empty object and FCM refuses it ("Recipient of the message is not set", upstream
 * firebase-admin-java#800); nothing fails at build time. FirebaseNativeConfigTest checks this list against every
 * class of firebase-admin's messaging and error handling that has such fields. The SDK's own properties files
 * are included with {@code quarkus.native.resources.includes} (application.properties).
 */
@RegisterForReflection(
        targets = {
            com.google.firebase.FirebaseOptions.Builder.class,
            com.google.firebase.internal.AbstractPlatformErrorHandler.PlatformError.class,
            com.google.firebase.internal.AbstractPlatformErrorHandler.PlatformErrorResponse.class,
            com.google.firebase.messaging.AndroidConfig.class,
            com.google.firebase.messaging.AndroidFcmOptions.class,
            com.google.firebase.messaging.AndroidNotification.class,
            com.google.firebase.messaging.ApnsConfig.class,
            com.google.firebase.messaging.ApnsFcmOptions.class,
            com.google.firebase.messaging.ApsAlert.class,
            com.google.firebase.messaging.FcmOptions.class,
            com.google.firebase.messaging.LightSettings.class,
            com.google.firebase.messaging.LightSettingsColor.class,
            com.google.firebase.messaging.Message.class,
            com.google.firebase.messaging.Notification.class,
            com.google.firebase.messaging.WebpushConfig.class,
            com.google.firebase.messaging.WebpushFcmOptions.class,
            com.google.firebase.messaging.WebpushNotification.Action.class,
            com.google.firebase.messaging.internal.MessagingServiceErrorResponse.class,
            com.google.firebase.messaging.internal.MessagingServiceResponse.class,
        },
        classNames = {
            // package-private (topic subscriptions through the Instance ID API)
            "com.google.firebase.messaging.InstanceIdClientImpl$InstanceIdServiceErrorResponse",
            "com.google.firebase.messaging.InstanceIdClientImpl$InstanceIdServiceResponse",
        },
        fields = true,
        methods = true)
final class FirebaseNativeConfig {

    private FirebaseNativeConfig() {}
}
