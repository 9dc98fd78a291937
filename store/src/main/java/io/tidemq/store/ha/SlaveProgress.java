package io.tidemq.store.ha;

/**
 * One slave as its master sees it: its address, the commit-log offset it confirmed, how many bytes it lacks and for
 * how long it has lacked some (0 when it holds everything).
 */
public record SlaveProgress(String address, long ackOffset, long lagBytes, long lagMillis) {
}
