package io.tidemq.remoting.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.tidemq.remoting.protocol.RemotingCommand;

/**
 * Sends each decoded command where it belongs: responses to the response table, requests to the dispatcher, and
 * requests the frame decoder refused for want of budget to the dispatcher's busy answer.
 */
@ChannelHandler.Sharable
final class CommandHandler extends SimpleChannelInboundHandler<Object> {
    private final ResponseTable responses;
    private final RequestDispatcher dispatcher;
    private final RequestBytesBudget budget;

    CommandHandler(ResponseTable responses, RequestDispatcher dispatcher) {
        this(responses, dispatcher, null);
    }

    /** @param budget the server's request budget, released here for responses (the dispatcher does requests) */
    CommandHandler(ResponseTable responses, RequestDispatcher dispatcher, RequestBytesBudget budget) {
        this.responses = responses;
        this.dispatcher = dispatcher;
        this.budget = budget;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FrameDecoder.RefusedRequest refused) {
            dispatcher.refuseOverloaded(ctx.channel(), refused.header(), refused.reason());
            return;
        }
        RemotingCommand cmd = (RemotingCommand) msg;
        if (cmd.isResponse()) {
            if (budget != null) {
                budget.release(cmd);
            }
            responses.onResponse(ctx.channel(), cmd);
        } else {
            dispatcher.dispatch(ctx.channel(), cmd);
        }
    }
}
