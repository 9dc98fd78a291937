package io.tidemq.controller.state;

import io.tidemq.common.protocol.ResponseCode;

/**
 * What applying a command gave: a response code (SUCCESS or one of 5.x's CONTROLLER_* codes) with a remark, the
 * group after the command, and for an id application the id given.
 */
public record CommandResult(int code, String remark, ReplicaGroup group, Long brokerId) {
    static CommandResult ok(ReplicaGroup group) {
        return new CommandResult(ResponseCode.SUCCESS, null, group, null);
    }

    static CommandResult refused(int code, String remark, ReplicaGroup group) {
        return new CommandResult(code, remark, group, null);
    }

    /** A refusal decided before anything was submitted. */
    public static CommandResult refusedWith(int code, String remark, ReplicaGroup group) {
        return new CommandResult(code, remark, group, null);
    }

    public boolean succeeded() {
        return code == ResponseCode.SUCCESS;
    }
}
