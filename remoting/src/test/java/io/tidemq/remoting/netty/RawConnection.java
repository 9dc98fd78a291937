package io.tidemq.remoting.netty;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A plain socket speaking frames by hand, for feeding a server bytes no well-behaved client would send. */
final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawConnection(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(RemotingCommand cmd) throws IOException {
        ByteBuf buf = RemotingFrames.encode(cmd, UnpooledByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            send(bytes);
        } finally {
            buf.release();
        }
    }

    /** Reads one frame and decodes it; fails if none arrives within the socket timeout. */
    RemotingCommand read() throws Exception {
        int total = in.readInt();
        byte[] frame = new byte[total];
        in.readFully(frame);
        return RemotingFrames.decode(Unpooled.wrappedBuffer(frame));
    }

    /** True once the peer has closed the connection (end of stream or reset) within the socket timeout. */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
