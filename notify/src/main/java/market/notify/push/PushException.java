package market.notify.push;

/** A failed FCM call. Transient ones (outage, quota, timeout) are retried; permanent ones are not. */
public class PushException extends RuntimeException {

    private final boolean permanent;

    public PushException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }

    /** Thrown for failures retrying cannot fix; fault tolerance aborts on this type. */
    public static class Permanent extends PushException {
        public Permanent(String message, Throwable cause) {
            super(message, true, cause);
        }
    }

    public static PushException transientFailure(String message, Throwable cause) {
        return new PushException(message, false, cause);
    }
}
