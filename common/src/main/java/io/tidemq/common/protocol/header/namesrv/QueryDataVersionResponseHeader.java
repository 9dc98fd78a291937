package io.tidemq.common.protocol.header.namesrv;

/** Response header of QUERY_DATA_VERSION (322): whether the NameServer's copy differs from the broker's. */
public final class QueryDataVersionResponseHeader {
    public Boolean changed;

    public QueryDataVersionResponseHeader() {
    }

    public QueryDataVersionResponseHeader(Boolean changed) {
        this.changed = changed;
    }
}
