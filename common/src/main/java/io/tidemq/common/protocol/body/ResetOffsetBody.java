package io.tidemq.common.protocol.body;

import java.util.HashMap;

/** Answer of INVOKE_BROKER_TO_RESET_OFFSET and body of RESET_CONSUMER_CLIENT_OFFSET. */
public final class ResetOffsetBody {
    public HashMap<MessageQueue, Long> offsetTable = new HashMap<>();
}
