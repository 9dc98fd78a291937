package io.tidemq.broker.role;

import io.tidemq.store.BrokerRole;

/**
 * Who this broker is in its replica set at one moment: the role, the brokerId it registers with (0 for a master)
 * and the master epoch, which grows by one each time this broker becomes master so that a stale master's claims can
 * be told from the current one's.
 */
public record RoleState(BrokerRole role, long brokerId, long epoch) {
    public RoleState {
        if (role.isMaster() && brokerId != 0) {
            throw new IllegalArgumentException("a master registers as brokerId 0, not " + brokerId);
        }
        if (!role.isMaster() && brokerId <= 0) {
            throw new IllegalArgumentException("Slave's brokerId must be > 0, got " + brokerId);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("the master epoch cannot be negative: " + epoch);
        }
    }

    public boolean isMaster() {
        return role.isMaster();
    }
}
