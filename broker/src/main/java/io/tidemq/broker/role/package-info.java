/**
 * The broker's role and what depends on it. {@link io.tidemq.broker.role.BrokerRoleManager} is the only owner: it
 * holds the {@link io.tidemq.broker.role.RoleState} (role, brokerId, master epoch), runs the duties of the current
 * role ({@link io.tidemq.broker.role.MasterDuties}: HA service, delay delivery, transaction check-back;
 * {@link io.tidemq.broker.role.SlaveDuties}: HA client, metadata sync) and switches at runtime.
 *
 * <p>The order of a switch is what keeps it safe. Demotion refuses local writes in the store before the master's
 * duties stop, then starts replication. Promotion stops replication and waits for the replication thread to end,
 * lets the store dispatch what it holds and cut a half-received record, and only then accepts writes and starts the
 * master's duties. Anything else asks the role owner ({@code acceptsWrites}, {@code waitsForReplicas},
 * {@code isSlave}) instead of reading {@code brokerRole} from the configuration, which only gives the role at
 * start-up. {@link io.tidemq.broker.role.ReplicationGate} is the SYNC_MASTER part of a send.
 */
package io.tidemq.broker.role;
