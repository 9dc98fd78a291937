package io.tidemq.store.ha;

/**
 * One slave as its master sees it: its address, the commit-log offset it confirmed, how many bytes it lacks and for
 * how long it has lacked some (0 when it holds everything), and its brokerId when it said it (controller mode; -1
 * for a 4.9 slave).
 */
public record SlaveProgress(String address, long ackOffset, long lagBytes, long lagMillis, long brokerId) {
}
