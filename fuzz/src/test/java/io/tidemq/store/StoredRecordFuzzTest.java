package io.tidemq.store;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tidemq.common.message.MessageDecoder;
import io.tidemq.common.message.MessageExt;
import io.tidemq.fuzz.FuzzCases;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary bytes where the store expects records (a torn CommitLog tail, a pull body, replicated bytes): the
 * well-formedness check recovery trusts never reads past what it is given and never throws, and the reader decodes
 * exactly the records it calls well-formed, each within the bytes.
 */
class StoredRecordFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void readsOnlyWhatIsThere(byte[] input) {
        FuzzCases.ran("stored records");
        ByteBuffer buf = ByteBuffer.wrap(input);
        int pos = 0;
        int wellFormed = 0;
        while (pos < input.length) {
            int len = MessageDecoder.wellFormedLength(buf, pos, input.length - pos);
            if (len <= 0) {
                break;
            }
            assertThat(len).isLessThanOrEqualTo(input.length - pos);
            pos += len;
            wellFormed++;
        }
        List<MessageExt> decoded = MessageDecoder.decodes(ByteBuffer.wrap(input));
        assertThat(decoded).hasSize(wellFormed);
        long sum = decoded.stream().mapToLong(MessageExt::getStoreSize).sum();
        assertThat(sum).isEqualTo(pos);
    }
}
