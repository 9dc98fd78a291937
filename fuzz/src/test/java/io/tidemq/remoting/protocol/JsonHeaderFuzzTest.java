package io.tidemq.remoting.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tidemq.fuzz.FuzzCases;

/** The JSON header decoder on arbitrary bytes; see {@link HeaderRoundTrip} for what it must do. */
class JsonHeaderFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void decodeOrRefuse(byte[] input) {
        FuzzCases.ran("JSON header");
        HeaderRoundTrip.check(SerializeType.JSON, input);
    }
}
