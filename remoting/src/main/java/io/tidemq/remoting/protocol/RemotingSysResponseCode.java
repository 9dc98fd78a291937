package io.tidemq.remoting.protocol;

/** Response codes defined by the remoting layer itself; business codes live in the common module. */
public final class RemotingSysResponseCode {
    public static final int SUCCESS = 0;
    public static final int SYSTEM_ERROR = 1;
    public static final int SYSTEM_BUSY = 2;
    public static final int REQUEST_CODE_NOT_SUPPORTED = 3;
    public static final int TRANSACTION_FAILED = 4;

    private RemotingSysResponseCode() {
    }
}
