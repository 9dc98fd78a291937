/**
 * The message store: an append-only, segmented, memory-mapped CommitLog with consume queues and a key index built
 * from it asynchronously.
 *
 * <pre>
 * WRITE PATH
 *
 *  broker thread                          CommitLog lock (PutLock)                 background threads
 *  -------------                          ------------------------                 ------------------
 *  asyncPutMessage(msg / batch)
 *    StoreHealth: running? disk full? IO error? page cache busy?
 *    RecordEncoder (thread-local direct buffer):
 *      topic/props/size checks, CRC32 of body,
 *      whole record(s) encoded ------------&gt; lock
 *                                           MappedFile full?  blank marker, roll
 *                                           queue offset = QueueOffsetTable[topic][qid]
 *                                           patch phy offset, queue offset, store time
 *                                           copy into the mapping, publish wrotePosition
 *                                          unlock
 *    ReputDispatcher.wakeup() ------------------------------------------------&gt; ReputDispatcher
 *    CommitLogFlusher.afterAppend()                                             reads records past reputFrom,
 *      ASYNC_FLUSH: ack now ----------------------------------------------------&gt; AsyncFlushService: periodic msync
 *      SYNC_FLUSH : enqueue (endOffset, future) --------------------------------&gt; GroupCommitService: one msync for
 *                   ack when flushed &gt;= endOffset, or FLUSH_DISK_TIMEOUT          every queued writer, then acks
 *                                                                              ConsumeQueue.putUnit (20 B unit)
 *                                                                              IndexService.build (topic#key)
 *                                                                              MessageArrivingListener.arriving
 *                                                                             LogicFlushService: flush queues and
 *                                                                              index, then StoreCheckpoint.save
 *
 * READ PATH (no lock; files are reference counted, slices are zero-copy views of the mappings)
 *
 *  getMessage(topic, qid, offset, max, filter)
 *    ConsumeQueueTable.find -&gt; ConsumeQueue.unitsFrom(offset)        (held slice of one CQ file)
 *      for each unit: batch limits, filter.isMatchedByConsumeQueue(tagsCode)
 *        CommitLog.read(phy, size) -&gt; MappedFile.select (hold)     (held slice of the stored record)
 *        filter.isMatchedByCommitLog(record)
 *    GetMessageResult: status, nextBeginOffset, min/max, slices   (caller releases -&gt; MappedFile.release)
 *
 *  lookMessageByOffset / selectOneMessageByOffset: CommitLog.readRecord + RecordChecker (CRC) + MessageDecoder
 *  queryMessage: IndexService.query (hash chains) -&gt; records verified to carry the key
 *
 * START-UP: StoreLock -&gt; load files -&gt; StoreRecovery (cut torn tail, drop untrusted queue units / index files,
 *           re-dispatch) -&gt; services start.   HOUSEKEEPING: RetentionService, DiskSpaceMonitor (Housekeeping).
 * </pre>
 */
package io.tidemq.store;
