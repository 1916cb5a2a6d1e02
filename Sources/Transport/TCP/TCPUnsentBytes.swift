import NIOCore

/// How many bytes the kernel holds for a TCP connection that it has not sent yet (Linux
/// `tcp_info.tcpi_notsent_bytes`). `TCP_NOTSENT_LOWAT` alone does not bound them: the kernel
/// checks it only when a write needs a new segment, and while the connection is stalled every
/// small write is appended to the one unsent segment, so a stall takes seconds of audio into
/// the kernel. ``TCPSendQueue`` reads this before each write instead.
enum TCPUnsentBytes {
    /// The start of `struct tcp_info` up to and including `tcpi_notsent_bytes` (at byte 144 of
    /// `<linux/tcp.h>`'s layout since Linux 4.6; older kernels copy less and leave zeros).
    private struct InfoPrefix: Sendable {
        var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    }

    private static let notSentOffset = 144

    /// Unsent bytes now; nil where they cannot be read (not Linux, not a socket channel).
    /// Must run on `channel.eventLoop` (the read is then synchronous).
    static func read(_ channel: any Channel) -> Int? {
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        let future: EventLoopFuture<InfoPrefix> = provider.unsafeGetSocketOption(level: .tcp, name: .tcp_info)
        var unsent: Int?
        future.assumeIsolated().whenSuccess { info in
            unsent = withUnsafeBytes(of: info) { bytes in
                Int(bytes.loadUnaligned(fromByteOffset: notSentOffset, as: UInt32.self))
            }
        }
        return unsent
        #else
        return nil
        #endif
    }
}
