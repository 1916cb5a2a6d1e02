import NIOCore

/// What the kernel dropped at a socket, and whether that figure is exact.
package struct KernelDropAccount: Sendable, Equatable {
    /// Datagrams dropped at the socket (at least this many when not ``isExact``).
    package var drops: Int
    /// False under GRO without the arrival counter (or with datagrams still queued when asked):
    /// the kernel counts a dropped aggregate once, however many datagrams it held.
    package var isExact: Bool

    package init(drops: Int, isExact: Bool) {
        self.drops = drops
        self.isExact = isExact
    }
}

extension UDPSocket {
    /// The kernel's drops at this socket so far. Without GRO: its own counter, exact. Under GRO
    /// with the arrival counter (CAP_BPF) and nothing left in the socket's queue: datagrams that
    /// reached the socket less those NIO read, exact. Otherwise the kernel's counter, a lower
    /// bound. Ask once reading has stopped. `nil` where the platform has no counter.
    package func kernelDropAccount() async -> KernelDropAccount? {
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider,
            let info = try? await SocketDropCounter.memInfo(provider)
        else { return nil }
        let kernel = Int(info.values.8)
        guard receiveOffload else { return KernelDropAccount(drops: kernel, isExact: true) }
        // Queued bytes (SK_MEMINFO_RMEM_ALLOC) 0: whatever reached the socket was read or dropped.
        if let counter = arrivalCounter, info.values.0 == 0, let arrived = counter.arrived {
            let read = counter.read.load(ordering: .relaxed)
            if arrived >= read { return KernelDropAccount(drops: arrived - read, isExact: true) }
        }
        return KernelDropAccount(drops: kernel, isExact: false)
        #else
        return nil
        #endif
    }
}

/// The kernel's count of datagrams it dropped at a socket because they did not fit (receive
/// buffer full): Linux `getsockopt(SOL_SOCKET, SO_MEMINFO)`, entry `SK_MEMINFO_DROPS` (Linux
/// 4.16+; the same figure as the `drops` column of `/proc/net/udp`). Datagrams sent to the socket
/// = datagrams read + this count, which is how `Tools/flood` checks the receiver's books; under
/// GRO the arrival counter makes it so again (``UDPSocket/kernelDropAccount()``).
enum SocketDropCounter {
    /// `SO_MEMINFO` from `<asm-generic/socket.h>`.
    static let soMemInfo: CInt = 55

    /// `u32 meminfo[SK_MEMINFO_VARS]`; Linux 4.16+ has 9 entries, `SK_MEMINFO_DROPS` is the last.
    /// An older kernel fills fewer and leaves the rest zero.
    struct MemInfo: Sendable {
        var values: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
    }

    /// Entry 0 is SK_MEMINFO_RMEM_ALLOC (bytes queued), entry 8 SK_MEMINFO_DROPS.
    static func memInfo(_ provider: any SocketOptionProvider) async throws -> MemInfo {
        try await provider.unsafeGetSocketOption(
            level: NIOBSDSocket.OptionLevel.socket, name: NIOBSDSocket.Option(rawValue: soMemInfo)
        ).get()
    }
}
