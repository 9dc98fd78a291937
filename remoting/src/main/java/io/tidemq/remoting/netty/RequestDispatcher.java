package io.tidemq.remoting.netty;

import io.netty.channel.Channel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.RequestTask;
import io.tidemq.remoting.RpcHook;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.remoting.protocol.RemotingSysResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routes incoming requests to processors by code and turns every outcome into the response the official peers
 * give: unknown code without a default processor → 3 with {@code " request type <code> not supported"}, processor
 * or hook failure → 1 with a short description, {@code rejectRequest()} → 2 {@code [REJECTREQUEST]...}, executor
 * full → 2 {@code [OVERLOAD]...}. Oneway requests never get a response; a processor returning null sends
 * nothing.
 *
 * <p>{@link #dispatch} runs on an I/O thread and hands the request to the processor's executor, or, for a processor
 * that {@linkplain RequestProcessor#runsInlineWhenIdle() allows it} and has nothing queued or running, processes it
 * right there.
 * Thread-safe; processors may be registered while running.
 */
final class RequestDispatcher {
    static final String REJECT_REMARK = "[REJECTREQUEST]system busy, start flow control for a while";
    static final String OVERLOAD_REMARK = "[OVERLOAD]system busy, start flow control for a while";

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    /** {@code inFlight} counts queued and running requests, kept only for a processor that may run inline. */
    private record Registration(RequestProcessor processor, ExecutorService executor, AtomicInteger inFlight) {
        Registration(RequestProcessor processor, ExecutorService executor) {
            this(processor, executor, processor.runsInlineWhenIdle() ? new AtomicInteger() : null);
        }
    }

    private static final Runnable NOTHING = () -> { };

    private final Map<Integer, Registration> processors = new ConcurrentHashMap<>();
    private final List<RpcHook> hooks = new CopyOnWriteArrayList<>();
    private volatile Registration defaultRegistration;
    private volatile ExecutorService defaultExecutor;
    private volatile RequestBytesBudget budget;

    /** Sets the pool for processors registered without an executor; must be called before requests arrive. */
    void setDefaultExecutor(ExecutorService executor) {
        this.defaultExecutor = executor;
    }

    void register(int code, RequestProcessor processor, ExecutorService executor) {
        processors.put(code, new Registration(processor, executor));
    }

    void registerDefault(RequestProcessor processor, ExecutorService executor) {
        defaultRegistration = new Registration(processor, executor);
    }

    /** The budget requests were counted against by the frame decoder; released here once each is settled. */
    void setBudget(RequestBytesBudget budget) {
        this.budget = budget;
    }

    void addHook(RpcHook hook) {
        hooks.add(hook);
    }

    /** Handles one request that arrived on {@code channel}. Never throws. */
    void dispatch(Channel channel, RemotingCommand request) {
        route(channel, request, request.takeInboundBytes());
    }

    /** Gives back the budget bytes a request was counted with (0: none). */
    private void release(int counted) {
        RequestBytesBudget b = budget;
        if (counted > 0 && b != null) {
            b.release(counted);
        }
    }

    /**
     * Answers a request the frame decoder turned away unread for want of budget (only its header is here):
     * SYSTEM_BUSY with the decoder's explanation, which the official producer retries, elsewhere when it can.
     */
    void refuseOverloaded(Channel channel, RemotingCommand header, String reason) {
        NettyRemoteChannel remote = NettyRemoteChannel.of(channel);
        LOG.warn("refused request code {} from {}: {}", header.getCode(), remote.remoteAddress(), reason);
        notifyBusy(remote, header);
        answer(remote, header, RemotingCommand.createResponse(RemotingSysResponseCode.SYSTEM_BUSY, reason));
    }

    /** Settles a request turned away before any processor saw it: its budget bytes and its body go back. */
    private void settle(RemotingCommand request, int counted) {
        request.settleInboundBody();
        release(counted);
    }

    /**
     * {@code counted} budget bytes are released exactly once, when the request is settled; so is the body the frame
     * decoder left in its buffer (copied out first if the processor did not take a view of it).
     */
    private void route(Channel channel, RemotingCommand request, int counted) {
        NettyRemoteChannel remote = NettyRemoteChannel.of(channel);
        Registration reg = processors.get(request.getCode());
        if (reg == null) {
            reg = defaultRegistration;
        }
        if (reg == null) {
            String remark = " request type " + request.getCode() + " not supported";
            LOG.warn("{}{}", remote.remoteAddress(), remark);
            settle(request, counted);
            answer(remote, request, RemotingCommand.createResponse(
                    RemotingSysResponseCode.REQUEST_CODE_NOT_SUPPORTED, remark));
            return;
        }
        boolean reject;
        try {
            reject = reg.processor.rejectRequest();
        } catch (RuntimeException e) {
            LOG.error("rejectRequest() of {} threw", reg.processor, e);
            settle(request, counted);
            answer(remote, request, RemotingCommand.createResponse(RemotingSysResponseCode.SYSTEM_ERROR, describe(e)));
            return;
        }
        if (reject) {
            settle(request, counted);
            notifyBusy(remote, request);
            answer(remote, request, RemotingCommand.createResponse(RemotingSysResponseCode.SYSTEM_BUSY,
                    REJECT_REMARK));
            return;
        }
        RequestProcessor processor = reg.processor;
        AtomicInteger inFlight = reg.inFlight;
        if (inFlight != null && inFlight.get() == 0 && inFlight.compareAndSet(0, 1)) {
            // nothing queued or running for this processor: the order of a channel's requests cannot change
            try {
                process(remote, processor, request);
            } finally {
                inFlight.decrementAndGet();
                settle(request, counted);
            }
            return;
        }
        ExecutorService executor = reg.executor != null ? reg.executor : defaultExecutor;
        if (inFlight != null) {
            inFlight.incrementAndGet();
        }
        // built only here, where the task carries it; inline and refused requests release without one
        Runnable settled = inFlight == null && counted == 0 && request.bodyLength() == 0 ? NOTHING : () -> {
            if (inFlight != null) {
                inFlight.decrementAndGet();
            }
            settle(request, counted);
        };
        try {
            executor.execute(new RequestTask(request, remote, () -> process(remote, processor, request), settled));
        } catch (RejectedExecutionException e) {
            settled.run();
            LOG.warn("executor full, rejecting request code {} from {}", request.getCode(), remote.remoteAddress());
            notifyBusy(remote, request);
            answer(remote, request, RemotingCommand.createResponse(RemotingSysResponseCode.SYSTEM_BUSY,
                    OVERLOAD_REMARK));
        }
    }

    private void process(NettyRemoteChannel remote, RequestProcessor processor, RemotingCommand request) {
        String addr = remote.remoteAddress();
        try {
            for (RpcHook hook : hooks) {
                hook.beforeRequest(addr, request);
            }
        } catch (Throwable e) {
            LOG.warn("rpc hook rejected request code {} from {}: {}", request.getCode(), addr, e.toString());
            // the exception's type and message, as Apache answers a hook's refusal (e.g. "AclException: ...")
            answer(remote, request, RemotingCommand.createResponse(RemotingSysResponseCode.SYSTEM_ERROR,
                    e.toString()));
            return;
        }
        RemotingCommand response;
        try {
            response = processor.process(remote, request);
        } catch (Throwable e) {
            LOG.error("processing {} from {} failed", request, addr, e);
            response = RemotingCommand.createResponse(RemotingSysResponseCode.SYSTEM_ERROR, describe(e));
        }
        for (RpcHook hook : hooks) {
            try {
                hook.afterResponse(addr, request, request.isOneway() ? null : response);
            } catch (Throwable e) {
                LOG.warn("rpc hook afterResponse threw for code {}", request.getCode(), e);
            }
        }
        if (response != null) {
            answer(remote, request, response);
        }
    }

    private void notifyBusy(NettyRemoteChannel remote, RemotingCommand request) {
        for (RpcHook hook : hooks) {
            try {
                hook.rejectedAsBusy(remote.remoteAddress(), request);
            } catch (Throwable e) {
                LOG.warn("rpc hook rejectedAsBusy threw for code {}", request.getCode(), e);
            }
        }
    }

    /** Sends {@code response} to a request, unless the request was oneway. */
    private static void answer(NettyRemoteChannel remote, RemotingCommand request, RemotingCommand response) {
        if (request.isOneway()) {
            response.releaseBody();
            return;
        }
        response.setOpaque(request.getOpaque());
        response.markResponse();
        remote.writeAndForget(response);
    }

    /** The exception and where it was thrown, short enough for a remark. */
    static String describe(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? e.toString() : e + ", " + trace[0];
    }
}
