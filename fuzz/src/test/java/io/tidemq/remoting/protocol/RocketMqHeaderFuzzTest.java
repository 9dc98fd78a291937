package io.tidemq.remoting.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tidemq.fuzz.FuzzCases;

/** The ROCKETMQ header decoder on arbitrary bytes; see {@link HeaderRoundTrip} for what it must do. */
class RocketMqHeaderFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void decodeOrRefuse(byte[] input) {
        FuzzCases.ran("ROCKETMQ header");
        HeaderRoundTrip.check(SerializeType.ROCKETMQ, input);
    }
}
