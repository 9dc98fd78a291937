package io.tidemq.broker.acl;

import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.common.protocol.header.SendMessageRequestHeaderV2;
import org.apache.rocketmq.remoting.CommandCustomHeader;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.HashMap;

/** Requests signed by the official 4.9.3 client's AclClientRPCHook, as they arrive at the broker. */
final class ApacheSigned {
    private ApacheSigned() {
    }

    /** The compact send header the official producer sends (SEND_MESSAGE_V2) for {@code topic}. */
    static SendMessageRequestHeaderV2 sendHeader(String topic) {
        SendMessageRequestHeaderV2 h = new SendMessageRequestHeaderV2();
        h.setA("PG");
        h.setB(topic);
        h.setC("TBW102");
        h.setD(4);
        h.setE(0);
        h.setF(0);
        h.setG(1700000000000L);
        h.setH(0);
        h.setI("KEYS\u0001k1\u0002TAGS\u0001t\u0002");
        h.setJ(0);
        h.setK(false);
        return h;
    }

    static RemotingCommand request(int code, CommandCustomHeader header, byte[] body, String ak, String sk) {
        org.apache.rocketmq.remoting.protocol.RemotingCommand apache =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(code, header);
        apache.setBody(body);
        new AclClientRPCHook(new SessionCredentials(ak, sk)).doBeforeRequest("127.0.0.1:10911", apache);
        apache.makeCustomHeaderToNet();
        RemotingCommand ours = RemotingCommand.createRequest(code);
        ours.setExtFields(apache.getExtFields() == null ? new HashMap<>() : new HashMap<>(apache.getExtFields()));
        ours.setBody(body);
        return ours;
    }
}
