/**
 * One processor per family of request codes; {@code BrokerRequestProcessors} (in the root package) says which
 * processor and which pool serve each code. A processor gets only the services it uses, as constructor arguments
 * or as one of the family records {@link io.tidemq.broker.processor.BrokerMetadata},
 * {@link io.tidemq.broker.processor.StoreAccess} and {@link io.tidemq.broker.processor.ConnectedClients}, never the
 * {@code BrokerController}; what it changes that the NameServers must learn goes through
 * {@link io.tidemq.broker.out.NameServerRegistration}. Processors do not touch files: they call the managers and
 * the store.
 *
 * <p>Sends share {@link io.tidemq.broker.processor.SendSupport} (checks, topic creation, retry and DLQ handling,
 * the answer once the put and, on a SYNC_MASTER, the slave have completed). A response is written by the thread
 * that completes the put's future, never by one that waits for it.
 */
package io.tidemq.broker.processor;
