package io.tidemq.store.ha;

/**
 * What controller-mode replication knows of master epochs, told by the broker's role owner: the store keeps no epoch
 * state of its own.
 */
public interface ReplicaEpochs {
    /** The newest master epoch this log follows (a master's own epoch; the epoch a slave last followed). */
    int currentEpoch();

    /** Where each epoch up to {@link #currentEpoch()} began in this log, as far as it is known. */
    EpochHistory history();
}
