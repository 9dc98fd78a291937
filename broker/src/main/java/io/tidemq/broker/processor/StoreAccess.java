package io.tidemq.broker.processor;

import io.tidemq.broker.role.BrokerRoleManager;
import io.tidemq.broker.stats.BrokerStats;
import io.tidemq.store.MessageStore;
import io.tidemq.store.MessageStoreConfig;

import java.net.InetSocketAddress;

/**
 * Processors' way to messages: the store and its config, the address written into stored records, the role (may
 * this broker take writes now?) and the put/get statistics.
 */
public record StoreAccess(MessageStore store, MessageStoreConfig config, InetSocketAddress storeHost,
                          BrokerRoleManager roles, BrokerStats stats) {
}
