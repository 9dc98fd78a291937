package io.tidemq.remoting;

import io.tidemq.remoting.protocol.RemotingCommand;

/** Completion of an asynchronous invocation: exactly one of the two methods is called, once. */
public interface InvokeCallback {
    void onResponse(RemotingCommand response);

    void onFailure(Throwable cause);
}
