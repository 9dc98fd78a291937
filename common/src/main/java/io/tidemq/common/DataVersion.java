package io.tidemq.common;

import java.util.Objects;

/** Version stamp of a broker's metadata table (topics, groups); bumped on every change. */
public final class DataVersion {
    public long timestamp = System.currentTimeMillis();
    public long counter;

    public DataVersion() {
    }

    public DataVersion(long timestamp, long counter) {
        this.timestamp = timestamp;
        this.counter = counter;
    }

    /** The version that follows this one. */
    public DataVersion next() {
        return new DataVersion(System.currentTimeMillis(), counter + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataVersion d && d.timestamp == timestamp && d.counter == counter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, counter);
    }

    @Override
    public String toString() {
        return "DataVersion[timestamp=" + timestamp + ", counter=" + counter + "]";
    }
}
