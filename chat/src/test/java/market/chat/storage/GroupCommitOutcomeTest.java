package market.chat.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import market.chat.config.ChatConfig;
import market.chat.domain.MessageType;
import org.junit.jupiter.api.Test;

/**
 * A batch is committed by one statement, and what is read after it (a resend's first message) can still fail: that
 * failure is the one send's, and the committed batch is never written again (a second write would answer every
 * message "not created", so none would be delivered, and store twice the ones without a clientMsgId).
 */
class GroupCommitOutcomeTest {

    private static final RuntimeException LOOKUP_FAILED = new IllegalStateException("resent message not found");

    /** A store whose batch statement commits and whose second message's answer could not be read. */
    private static final class CommittedStore extends MessageStore {
        final AtomicInteger calls = new AtomicInteger();

        CommittedStore() {
            super(null, null);
        }

        @Override
        public List<Outcome> appendAll(List<NewMessage> batch) {
            calls.incrementAndGet();
            return batch.stream()
                    .map(m -> "resend".equals(m.content())
                            ? new Outcome(Optional.empty(), LOOKUP_FAILED)
                            : new Outcome(Optional.empty(), null))
                    .toList();
        }
    }

    private static ChatConfig config() {
        ChatConfig.GroupCommitConfig gc = (ChatConfig.GroupCommitConfig) Proxy.newProxyInstance(
                ChatConfig.class.getClassLoader(),
                new Class<?>[] {ChatConfig.GroupCommitConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> true;
                    case "maxBatch" -> 256;
                    case "queueSize" -> 16;
                    case "linger" -> Duration.ZERO;
                    case "queueWait" -> Duration.ofSeconds(1);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ChatConfig) Proxy.newProxyInstance(
                ChatConfig.class.getClassLoader(), new Class<?>[] {ChatConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("groupCommit")) {
                        return gc;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static MessageStore.NewMessage text(String content) {
        return new MessageStore.NewMessage(1, "u", MessageType.TEXT, content, null, "c-" + content);
    }

    @Test
    void aFailureAfterTheCommitFailsOnlyItsSendAndTheBatchIsNotWrittenAgain() throws Exception {
        CommittedStore store = new CommittedStore();
        GroupCommit writer = new GroupCommit(store, config(), new SendStages(new SimpleMeterRegistry()));

        List<CompletableFuture<Optional<MessageStore.Appended>>> done =
                writer.writeTogether(List.of(text("a"), text("resend"), text("b")));

        assertEquals(1, store.calls.get(), "a committed batch is written once");
        assertEquals(Optional.empty(), done.get(0).get());
        ExecutionException e =
                assertThrows(ExecutionException.class, () -> done.get(1).get());
        assertSame(LOOKUP_FAILED, e.getCause());
        assertEquals(Optional.empty(), done.get(2).get());
        assertTrue(done.stream().allMatch(CompletableFuture::isDone));
        assertEquals(1, writer.counts()[0], "one transaction");
        assertEquals(3, writer.counts()[1], "three messages through it");
    }
}
