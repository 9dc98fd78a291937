package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of REGISTER_FILTER_SERVER (301): where the registering filter server listens. */
public class RegisterFilterServerRequestHeader {
    @Required
    public String filterServerAddr;

    public RegisterFilterServerRequestHeader() {
    }
}
