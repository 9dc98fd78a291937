package io.tidemq.controller.raft;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tidemq.controller.state.CommandResult;
import io.tidemq.controller.state.ControllerCommand;
import io.tidemq.controller.state.ReplicaGroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** JSON of the Raft log entries (commands), their results and the snapshots; records by their components. */
public final class StateCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<Map<String, ReplicaGroup>> GROUPS = new TypeReference<>() {
    };

    private StateCodec() {
    }

    public static byte[] command(ControllerCommand c) {
        return write(c);
    }

    public static ControllerCommand command(byte[] bytes) {
        return read(bytes, ControllerCommand.class);
    }

    public static byte[] result(CommandResult r) {
        return write(r);
    }

    public static CommandResult result(byte[] bytes) {
        return read(bytes, CommandResult.class);
    }

    public static byte[] groups(Map<String, ReplicaGroup> groups) {
        return write(groups);
    }

    public static Map<String, ReplicaGroup> groups(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, GROUPS);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable controller state", e);
        }
    }

    private static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName(), e);
        }
    }
}
