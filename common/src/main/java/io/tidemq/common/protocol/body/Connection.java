package io.tidemq.common.protocol.body;

/** One client connection as admin tools list it. */
public final class Connection {
    public String clientId;
    public String clientAddr;
    public String language;
    public int version;
}
