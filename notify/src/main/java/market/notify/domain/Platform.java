package market.notify.domain;

public enum Platform {
    ANDROID,
    IOS,
    WEB
}
