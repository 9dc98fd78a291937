package io.tidemq.remoting.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.tidemq.remoting.protocol.RemotingCommand;

/** Sends each decoded command where it belongs: responses to the response table, requests to the dispatcher. */
@ChannelHandler.Sharable
final class CommandHandler extends SimpleChannelInboundHandler<RemotingCommand> {
    private final ResponseTable responses;
    private final RequestDispatcher dispatcher;

    CommandHandler(ResponseTable responses, RequestDispatcher dispatcher) {
        this.responses = responses;
        this.dispatcher = dispatcher;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RemotingCommand cmd) {
        if (cmd.isResponse()) {
            responses.onResponse(ctx.channel(), cmd);
        } else {
            dispatcher.dispatch(ctx.channel(), cmd);
        }
    }
}
