package io.github.difyspring.benchmarks.measure;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;

/**
 * Watches the client JVM (this one: the load server and the sample app run in their own) while a
 * contender runs: the bytes its threads allocate, the heap it holds and the threads it has.
 *
 * <p>Allocation is the sum of {@link ThreadMXBean#getThreadAllocatedBytes(long[])} over every Java
 * thread of this JVM except the probe's own sampling thread: the benchmark's driving threads, the
 * clients' event loops, OkHttp's dispatcher threads and so on. A thread that ends during a window is
 * counted up to its last sample (every {@value #SAMPLE_MILLIS} ms). Heap is measured two ways: the
 * largest heap in use right after a garbage collection (from GC notifications: the live data plus
 * what survived young collections), and the largest used heap seen by sampling (garbage included).
 */
public final class ClientJvmProbe implements AutoCloseable {

    /** How often threads and heap are sampled. */
    public static final int SAMPLE_MILLIS = 20;

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
        .stream()
        .filter((pool) -> pool.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getName)
        .collect(Collectors.toSet());

    private final Thread sampler;

    private final NotificationListener gcListener = this::onGc;

    /** Guarded by this: the last allocation figure seen for each thread, and each thread's figure when the window began. */
    private final Map<Long, Long> lastAllocated = new HashMap<>();

    private Map<Long, Long> allocatedAtStart = Map.of();

    private final AtomicLong peakHeapAfterGc = new AtomicLong(-1);

    private final AtomicLong gcCount = new AtomicLong();

    private volatile long peakSampledHeap;

    private volatile int peakThreads;

    private volatile boolean running = true;

    private long windowStartNanos;

    private long cpuAtStart;

    /**
     * Starts sampling.
     */
    public ClientJvmProbe() {
        this.threads.setThreadAllocatedMemoryEnabled(true);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(this.gcListener, null, null);
        }
        this.sampler = new Thread(this::sampleUntilClosed, "bench-probe");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    /**
     * Begins a measuring window: collects garbage first, so each contender starts from the same
     * heap, then resets the peaks and the allocation baseline.
     * @return the number of live threads as the window begins
     */
    public synchronized int begin() {
        System.gc();
        sleep(100);
        sampleAllocation();
        this.allocatedAtStart = new HashMap<>(this.lastAllocated);
        this.peakHeapAfterGc.set(-1);
        this.gcCount.set(0);
        this.peakSampledHeap = heapUsed();
        int live = this.threads.getThreadCount();
        this.peakThreads = live;
        this.cpuAtStart = this.os.getProcessCpuTime();
        this.windowStartNanos = System.nanoTime();
        return live;
    }

    /**
     * Ends the window begun last.
     * @return what was seen in it
     */
    public synchronized Window end() {
        long elapsed = System.nanoTime() - this.windowStartNanos;
        long cpu = this.os.getProcessCpuTime() - this.cpuAtStart;
        sampleAllocation();
        long allocated = 0;
        for (Map.Entry<Long, Long> entry : this.lastAllocated.entrySet()) {
            allocated += entry.getValue() - this.allocatedAtStart.getOrDefault(entry.getKey(), 0L);
        }
        int live = this.threads.getThreadCount();
        this.peakThreads = Math.max(this.peakThreads, live);
        return new Window(elapsed, allocated, cpu, this.peakHeapAfterGc.get(), this.gcCount.get(),
                Math.max(this.peakSampledHeap, heapUsed()), this.peakThreads);
    }

    private void sampleUntilClosed() {
        while (this.running) {
            synchronized (this) {
                sampleAllocation();
                this.peakSampledHeap = Math.max(this.peakSampledHeap, heapUsed());
                this.peakThreads = Math.max(this.peakThreads, this.threads.getThreadCount());
            }
            sleep(SAMPLE_MILLIS);
        }
    }

    /** Records each live thread's allocation figure; a thread that has ended keeps its last one. */
    private void sampleAllocation() {
        long[] ids = this.threads.getAllThreadIds();
        long[] allocated = this.threads.getThreadAllocatedBytes(ids);
        long self = this.sampler.getId();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != self && allocated[i] >= 0) {
                this.lastAllocated.put(ids[i], allocated[i]);
            }
        }
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long afterGc = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (this.heapPools.contains(pool.getKey())) {
                afterGc += pool.getValue().getUsed();
            }
        }
        long heap = afterGc;
        this.gcCount.incrementAndGet();
        this.peakHeapAfterGc.accumulateAndGet(heap, Math::max);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        this.running = false;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(this.gcListener);
            }
            catch (Exception ex) {
                // Already gone: nothing to undo.
            }
        }
    }

    /**
     * What one measuring window saw.
     *
     * @param elapsedNanos the window's length
     * @param allocatedBytes the bytes allocated by the JVM's threads, the probe's excepted
     * @param cpuNanos the CPU time of the whole client JVM (its GC and JIT threads included)
     * @param peakHeapAfterGcBytes the largest heap in use right after a collection, or -1 when none ran
     * @param collections the number of collections in the window
     * @param peakSampledHeapBytes the largest used heap sampled, garbage included
     * @param peakThreads the largest number of live threads sampled
     */
    public record Window(long elapsedNanos, long allocatedBytes, long cpuNanos, long peakHeapAfterGcBytes, long collections,
            long peakSampledHeapBytes, int peakThreads) {
    }
}
