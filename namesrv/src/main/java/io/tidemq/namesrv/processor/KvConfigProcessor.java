package io.tidemq.namesrv.processor;

import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.KVTable;
import io.tidemq.common.protocol.header.namesrv.DeleteKVConfigRequestHeader;
import io.tidemq.common.protocol.header.namesrv.GetKVConfigRequestHeader;
import io.tidemq.common.protocol.header.namesrv.GetKVConfigResponseHeader;
import io.tidemq.common.protocol.header.namesrv.GetKVListByNamespaceRequestHeader;
import io.tidemq.common.protocol.header.namesrv.PutKVConfigRequestHeader;
import io.tidemq.namesrv.kv.KvConfigManager;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.exception.RemotingCommandException;
import io.tidemq.remoting.protocol.RemotingCommand;

/** PUT_KV_CONFIG, GET_KV_CONFIG, DELETE_KV_CONFIG and GET_KVLIST_BY_NAMESPACE (protocol.md 3.7). */
public final class KvConfigProcessor extends NamesrvProcessor {
    private final KvConfigManager kvConfig;

    public KvConfigProcessor(KvConfigManager kvConfig) {
        this.kvConfig = kvConfig;
    }

    @Override
    public int[] codes() {
        return new int[]{RequestCode.PUT_KV_CONFIG, RequestCode.GET_KV_CONFIG, RequestCode.DELETE_KV_CONFIG,
                RequestCode.GET_KVLIST_BY_NAMESPACE};
    }

    @Override
    protected RemotingCommand handle(RemoteChannel channel, RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.PUT_KV_CONFIG -> put(request);
            case RequestCode.GET_KV_CONFIG -> get(request);
            case RequestCode.DELETE_KV_CONFIG -> delete(request);
            case RequestCode.GET_KVLIST_BY_NAMESPACE -> list(request);
            default -> throw new IllegalStateException("unexpected code " + request.getCode());
        };
    }

    private RemotingCommand put(RemotingCommand request) throws RemotingCommandException {
        PutKVConfigRequestHeader header = request.decodeHeader(PutKVConfigRequestHeader.class);
        if (header.namespace == null || header.key == null) {
            return error(request, "namespace or key is null");
        }
        kvConfig.put(header.namespace, header.key, required(header.value, "value"));
        return success(request);
    }

    private RemotingCommand get(RemotingCommand request) throws RemotingCommandException {
        GetKVConfigRequestHeader header = request.decodeHeader(GetKVConfigRequestHeader.class);
        String namespace = required(header.namespace, "namespace");
        String key = required(header.key, "key");
        String value = kvConfig.get(namespace, key);
        if (value == null) {
            return response(request, ResponseCode.QUERY_NOT_FOUND,
                    "No config item, Namespace: " + namespace + " Key: " + key);
        }
        return success(request).writeHeader(new GetKVConfigResponseHeader(value));
    }

    private RemotingCommand delete(RemotingCommand request) throws RemotingCommandException {
        DeleteKVConfigRequestHeader header = request.decodeHeader(DeleteKVConfigRequestHeader.class);
        kvConfig.delete(required(header.namespace, "namespace"), required(header.key, "key"));
        return success(request);
    }

    private RemotingCommand list(RemotingCommand request) throws RemotingCommandException {
        String namespace = required(request.decodeHeader(GetKVListByNamespaceRequestHeader.class).namespace,
                "namespace");
        KVTable table = kvConfig.namespace(namespace);
        if (table == null) {
            return response(request, ResponseCode.QUERY_NOT_FOUND, "No config item, Namespace: " + namespace);
        }
        return success(request).setBody(Json.toBytes(table));
    }
}
