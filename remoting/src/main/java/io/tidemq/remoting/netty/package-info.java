/**
 * The Netty transport of the RocketMQ remoting protocol.
 *
 * <pre>
 *  socket ─▶ FrameDecoder ─▶ IdleStateHandler ─▶ CommandHandler ─┬─ response ─▶ ResponseTable ─▶ waiting caller /
 *   (bad frame: close)          (idle: close)                    │                 (by opaque)     callback pool
 *                                                                └─ request ──▶ RequestDispatcher ─▶ processor's
 *                                                                                 (code ▶ processor)   executor
 *  socket ◀─ FrameEncoder ◀────────────── RemoteChannel.writeAndForget / CommandInvoker (sync, async, oneway)
 *
 *  ConnectionEventHandler (last in the pipeline): connect / close / exception / idle
 *      ─▶ ChannelEventDispatcher (one thread) ─▶ ChannelEventListener
 * </pre>
 *
 * On a server whose tls.server.mode is not disabled, a {@link io.tidemq.remoting.netty.TlsDetector} comes first
 * and, for a TLS client, leaves an SslHandler in its place; a client with useTLS starts its pipeline with one.
 *
 * On a server the FrameDecoder counts every frame against the {@link io.tidemq.remoting.netty.RequestBytesBudget}
 * until its request is settled; a big request that does not fit reaches the CommandHandler as a refusal (header
 * only, body discarded) and is answered SYSTEM_BUSY. {@link io.tidemq.remoting.netty.OutboundBackpressure} stops
 * reading a connection whose unsent responses pass the write buffer's high mark.
 *
 * I/O threads decode, encode and hand requests to executors. A processor runs on the I/O thread that read its
 * request only when it declares {@code runsInlineWhenIdle} (it never waits) and its executor is idle; callbacks and
 * channel listeners never run there. {@link io.tidemq.remoting.netty.NettyRemotingServer} and {@link io.tidemq.remoting.netty.NettyRemotingClient}
 * wire the same parts together.
 */
package io.tidemq.remoting.netty;
