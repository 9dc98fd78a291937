package io.tidemq.controller.state;

/**
 * One broker of a group as the controller records it: its id, where clients and tools reach it, where its slaves
 * replicate from when it is master, and the code it applied for its id with.
 */
public record Replica(long brokerId, String address, String haAddress, String registerCheckCode) {
}
