import NIOCore

/// The kernel's count of datagrams it dropped at a socket because they did not fit (receive
/// buffer full): Linux `getsockopt(SOL_SOCKET, SO_MEMINFO)`, entry `SK_MEMINFO_DROPS` (Linux
/// 4.16+; the same figure as the `drops` column of `/proc/net/udp`). Datagrams sent to the socket
/// = datagrams read + this count, which is how `Tools/flood` checks the receiver's books.
extension UDPSocket {
    /// Datagrams the kernel dropped at this socket so far; `nil` where the platform has no counter.
    package func kernelDrops() async -> Int? {
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        return try? await SocketDropCounter.drops(provider)
        #else
        return nil
        #endif
    }
}

enum SocketDropCounter {
    /// `SO_MEMINFO` from `<asm-generic/socket.h>`.
    static let soMemInfo: CInt = 55

    /// `u32 meminfo[SK_MEMINFO_VARS]`; Linux 4.16+ has 9 entries, `SK_MEMINFO_DROPS` is the last.
    /// An older kernel fills fewer and leaves the rest zero.
    struct MemInfo: Sendable {
        var values: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
    }

    static func drops(_ provider: any SocketOptionProvider) async throws -> Int {
        let info: MemInfo = try await provider.unsafeGetSocketOption(
            level: NIOBSDSocket.OptionLevel.socket, name: NIOBSDSocket.Option(rawValue: soMemInfo)
        ).get()
        return Int(info.values.8)
    }
}
