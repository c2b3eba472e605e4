package dev.handrail.executor.desktop;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one platform thread a desktop backend makes every native call on (Xlib connections and
 * Win32 thread input state belong to a thread). Callers submit work and wait for it; a waiting
 * caller that is interrupted stops waiting (the call already running finishes on its own). A
 * task submitted from the thread itself runs at once, so backends may compose their own calls.
 * Thread-safe.
 */
public final class DesktopThread implements AutoCloseable {

    private final ScheduledExecutorService executor;
    private volatile Thread thread;

    public DesktopThread(String name) {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** Runs the task on the desktop thread and returns its result; rethrows its unchecked failure. */
    public <T> T call(Callable<T> task) throws InterruptedException {
        if (onThread()) {
            return direct(task);
        }
        Future<T> future = executor.submit(task);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        }
    }

    /** Runs the task on the desktop thread, waiting for it. */
    public void run(Runnable task) throws InterruptedException {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Runs a task again and again with a pause between runs, until closed. */
    public ScheduledFuture<?> every(Duration pause, Runnable task) {
        return executor.scheduleWithFixedDelay(task, pause.toMillis(), pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a task once after a delay. */
    public ScheduledFuture<?> later(Duration delay, Runnable task) {
        return executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the caller is the desktop thread. */
    public boolean onThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T direct(Callable<T> task) throws InterruptedException {
        try {
            return task.call();
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }
}
