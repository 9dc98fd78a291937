package io.tidemq.broker.acl;

import io.tidemq.remoting.RpcHook;
import io.tidemq.remoting.protocol.RemotingCommand;

/**
 * Signs the broker's outgoing requests the way the official client's AclClientRPCHook does, so that a broker with
 * ACL on accepts them: adds AccessKey, then Signature over every header field and the body.
 */
public final class RequestSigner implements RpcHook {
    private final ClientCredentials credentials;

    public RequestSigner(ClientCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void beforeRequest(String remoteAddr, RemotingCommand request) {
        if (request.getExtFields() != null) {
            request.getExtFields().remove(AccessSignature.SIGNATURE);
        }
        request.addExtField(AccessSignature.ACCESS_KEY, credentials.accessKey);
        byte[] content = AccessSignature.content(request.getExtFields(), request.getBody());
        request.addExtField(AccessSignature.SIGNATURE, AccessSignature.sign(content, credentials.secretKey));
    }
}
