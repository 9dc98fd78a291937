package io.tidemq.broker.transaction;

import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the first answer about a half message ends it, whichever of its checked copies that answer names. */
class TransactionEndClaimTest {
    private final TransactionalMessageService service = new TransactionalMessageService(null, null, null);

    private static MessageExt half(long queueOffset, Long origin) {
        MessageExt m = new MessageExt();
        m.setQueueOffset(queueOffset);
        if (origin != null) {
            m.putProperty(MessageConst.PROPERTY_TRANSACTION_PREPARED_QUEUE_OFFSET, Long.toString(origin));
        }
        return m;
    }

    @Test
    void theFirstAnswerEndsAHalfAndItsCopiesWithIt() {
        MessageExt original = half(5, null);
        MessageExt firstCopy = half(9, 5L);
        MessageExt secondCopy = half(12, 5L);
        assertThat(service.claimEnd(firstCopy)).isTrue();
        assertThat(service.claimEnd(secondCopy)).as("a late answer to another check").isFalse();
        assertThat(service.claimEnd(original)).isFalse();
        assertThat(service.claimEnd(half(6, null))).as("another half").isTrue();
    }

    @Test
    void aClaimGivenBackLetsTheNextAnswerEndIt() {
        MessageExt copy = half(9, 5L);
        assertThat(service.claimEnd(copy)).isTrue();
        service.releaseEnd(copy); // the commit could not be stored
        assertThat(service.claimEnd(half(12, 5L))).isTrue();
    }
}
