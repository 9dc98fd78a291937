package io.tidemq.controller.state;

/** Where the log of a group's master epoch began: every replica's bytes before it are the same. */
public record EpochStart(int epoch, long startOffset) {
}
