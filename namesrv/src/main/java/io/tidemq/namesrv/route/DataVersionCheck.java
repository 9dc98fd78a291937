package io.tidemq.namesrv.route;

import io.tidemq.common.DataVersion;

/** Result of comparing a broker's DataVersion with the NameServer's copy; {@code stored} is null if there is none. */
public record DataVersionCheck(boolean changed, DataVersion stored) {
}
