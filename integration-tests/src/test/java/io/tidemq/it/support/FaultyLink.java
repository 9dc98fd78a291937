package io.tidemq.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP link with delay, jitter and loss, in user space, for a kernel without netem: a proxy that listens on one
 * address and forwards to another, holding each chunk it reads for a delay drawn between a minimum and a maximum,
 * in order (a later chunk never overtakes an earlier one, as on one TCP stream). Loss is modelled by its effect on a
 * TCP stream: a lost segment is retransmitted after the retransmission timeout, so with probability {@code loss}
 * a chunk (and everything behind it) is held a further 200 ms, doubled for each loss in a row (RTO back-off), as the
 * kernel's minimum RTO does on a link whose round trip is shorter. Settings change at any time and apply to chunks
 * read from then on. Threads are daemons; {@link #close} ends every connection.
 */
public final class FaultyLink implements AutoCloseable {
    private static final long RTO_NANOS = Duration.ofMillis(200).toNanos();
    private static final byte[] END = new byte[0];

    private record Chunk(byte[] bytes, int length, long releaseAt) {
    }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile long delayMinNanos;
    private volatile long delayMaxNanos;
    private volatile double loss;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private volatile boolean closed;

    private FaultyLink(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on {@code listenHost:listenPort} (0: any free port) and forwards to {@code target} (host:port). */
    public static FaultyLink start(String listenHost, int listenPort, String target) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(listenHost), listenPort));
        int colon = target.lastIndexOf(':');
        FaultyLink link = new FaultyLink(s, new InetSocketAddress(target.substring(0, colon),
                Integer.parseInt(target.substring(colon + 1))));
        Thread t = new Thread(link::acceptLoop, "faulty-link-" + s.getLocalPort());
        t.setDaemon(true);
        t.start();
        return link;
    }

    /** Every chunk from now on: held between {@code min} and {@code max}, lost (held an RTO more) with {@code loss}. */
    public FaultyLink set(Duration min, Duration max, double loss) {
        this.delayMinNanos = min.toNanos();
        this.delayMaxNanos = Math.max(min.toNanos(), max.toNanos());
        this.loss = loss;
        return this;
    }

    /** A clean link again. */
    public FaultyLink heal() {
        return set(Duration.ZERO, Duration.ZERO, 0);
    }

    public String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Chunks forwarded so far, both directions. */
    public long chunks() {
        return forwarded.get();
    }

    /** Chunks that were "lost" (held an RTO or more). */
    public long losses() {
        return lost.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket in = server.accept();
                Socket out = new Socket();
                out.connect(target, 5000);
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                sockets.add(in);
                sockets.add(out);
                pump(in, out, "up");
                pump(out, in, "down");
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** One direction: a reader stamps each chunk with its release time, a writer sends it then. */
    private void pump(Socket from, Socket to, String direction) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            long lastRelease = 0;
            int lossesInARow = 0;
            try (InputStream is = from.getInputStream()) {
                while (true) {
                    byte[] buf = new byte[16 * 1024];
                    int n = is.read(buf);
                    if (n < 0) {
                        break;
                    }
                    long now = System.nanoTime();
                    long min = delayMinNanos;
                    long max = delayMaxNanos;
                    long delay = max > min ? ThreadLocalRandom.current().nextLong(min, max + 1) : min;
                    long release = Math.max(lastRelease, now + delay);
                    if (loss > 0 && ThreadLocalRandom.current().nextDouble() < loss) {
                        release += RTO_NANOS << Math.min(lossesInARow, 6);
                        lossesInARow++;
                        lost.incrementAndGet();
                    } else {
                        lossesInARow = 0;
                    }
                    lastRelease = release;
                    queue.add(new Chunk(buf, n, release));
                }
            } catch (IOException ignored) {
                // the connection ended
            }
            queue.add(new Chunk(END, -1, 0));
        }, "faulty-link-" + direction + "-read");
        Thread writer = new Thread(() -> {
            try (OutputStream os = to.getOutputStream()) {
                while (true) {
                    Chunk c = queue.take();
                    if (c.length() < 0) {
                        break;
                    }
                    long wait = c.releaseAt() - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    os.write(c.bytes(), 0, c.length());
                    os.flush();
                    forwarded.incrementAndGet();
                }
            } catch (IOException | InterruptedException ignored) {
                // the connection ended
            }
            closeQuietly(from);
            closeQuietly(to);
        }, "faulty-link-" + direction + "-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        sockets.forEach(FaultyLink::closeQuietly);
    }
}
