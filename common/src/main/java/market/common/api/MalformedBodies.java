package market.common.api;

/**
 * Recognises failures of Quarkus REST's form/multipart body parser. It reports a body that ends before its
 * closing boundary, a part without its header block or an empty {@code boundary=} with plain
 * IOExceptions, {@code MalformedMessageException} or even a StringIndexOutOfBoundsException, none of which
 * says "client error" by its type; what they share is where they were thrown. A failure that started in
 * the JDK's own file or channel I/O (the parser writing a part to a temp file on a full disk) is the
 * server's, not the client's, and is left to the 500 path.
 */
public final class MalformedBodies {

    private static final String PARSER_PACKAGE = "org.jboss.resteasy.reactive.server.core.multipart.";
    private static final String FORM_HANDLER = "org.jboss.resteasy.reactive.server.handlers.FormBodyHandler";

    private MalformedBodies() {}

    public static boolean isMalformedForm(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        if (trace.length == 0 || startedInFileIo(trace[0].getClassName())) {
            return false;
        }
        for (StackTraceElement frame : trace) {
            String cls = frame.getClassName();
            if (cls.startsWith(PARSER_PACKAGE) || cls.equals(FORM_HANDLER)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startedInFileIo(String cls) {
        return cls.startsWith("java.io.File") || cls.startsWith("java.nio.") || cls.startsWith("sun.nio.");
    }
}
