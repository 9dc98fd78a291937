package io.tidemq.store;

/**
 * Touches (reads) the pages of the CommitLog's current file a little ahead of the writer. The first touch of a page
 * of a fresh, sparse file makes the kernel allocate and zero it inside a page fault; done here, that cost leaves the
 * append path, which then only dirties pages already mapped. Reads never change data, so this thread needs no lock;
 * it holds the file while touching it.
 */
final class PageWarmer extends ServiceThread {
    private final MappedFileQueue files;
    private final int aheadBytes;
    private volatile long warmedUpTo;
    private MappedFile current;
    private int position;
    /** Keeps the reads from being optimised away. */
    private long sink;

    PageWarmer(MappedFileQueue files, int aheadBytes) {
        super("CommitLogPageWarmer");
        this.files = files;
        this.aheadBytes = aheadBytes;
    }

    /** Cheap check for the writer: wakes the warmer when the writer gets within half the distance. */
    void onAppended(long endOffset) {
        if (endOffset + aheadBytes / 2 > warmedUpTo) {
            wakeup();
        }
    }

    @Override
    public void run() {
        while (!isStopped()) {
            warm();
            waitForRunning(10);
        }
    }

    private void warm() {
        MappedFile last = files.last();
        if (last == null || !last.hold()) {
            return;
        }
        try {
            if (last != current) {
                current = last;
                position = last.wrotePosition() & ~(MappedFile.PAGE_SIZE - 1);
            }
            int target = (int) Math.min(last.fileSize(), (long) last.wrotePosition() + aheadBytes);
            long s = 0;
            while (position < target && !isStopped()) {
                s += last.mapped().get(position);
                position += MappedFile.PAGE_SIZE;
            }
            sink += s;
            warmedUpTo = last.fileFromOffset() + position;
        } finally {
            last.release();
        }
    }

    long sink() {
        return sink;
    }
}
