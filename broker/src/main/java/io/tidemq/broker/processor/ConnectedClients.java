package io.tidemq.broker.processor;

import io.tidemq.broker.client.Broker2Client;
import io.tidemq.broker.client.ConsumerManager;
import io.tidemq.broker.client.ProducerManager;
import io.tidemq.broker.filter.SubscriptionFilters;

/** The clients connected to this broker, their compiled subscription filters, and the way back to them. */
public record ConnectedClients(ConsumerManager consumers, ProducerManager producers, SubscriptionFilters filters,
                               Broker2Client toClients) {
}
