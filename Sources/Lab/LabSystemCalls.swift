#if os(Linux)
import Foundation
import Glibc
import Synchronization

/// System calls the Swift Glibc module does not import (they sit behind `_GNU_SOURCE`), looked
/// up once in libc with dlsym, plus the TUN ioctl constants from <linux/if_tun.h>.
enum LabSystemCalls {
    typealias SetnsFunction = @convention(c) (CInt, CInt) -> CInt
    typealias PpollFunction = @convention(c) (
        UnsafeMutablePointer<pollfd>?, nfds_t, UnsafePointer<timespec>?, UnsafeRawPointer?
    ) -> CInt

    /// `CLONE_NEWNET` from <sched.h>.
    static let cloneNewNet: CInt = 0x4000_0000
    /// `TUNSETIFF` = _IOW('T', 202, int).
    static let tunSetInterface: UInt = 0x4004_54CA
    /// `IFF_TUN`: layer-3 device, packets start with the IP header.
    static let interfaceFlagTun: UInt16 = 0x0001
    /// `IFF_NO_PI`: no 4-byte packet-information prefix.
    static let interfaceFlagNoPacketInfo: UInt16 = 0x1000
    /// `IFNAMSIZ`, including the terminating zero.
    static let interfaceNameCapacity = 16
    /// `sizeof(struct ifreq)` on Linux (name plus a 24-byte union).
    static let interfaceRequestSize = 40

    static let setns: SetnsFunction? = lookUp("setns", as: SetnsFunction.self)
    static let ppoll: PpollFunction? = lookUp("ppoll", as: PpollFunction.self)

    private static func lookUp<F>(_ name: String, as type: F.Type) -> F? {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    /// Marks a descriptor close-on-exec so commands the lab spawns never inherit it (an inherited
    /// TUN descriptor would keep the device alive after the lab closes its own).
    static func setCloseOnExec(_ fd: CInt) {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    /// Switches the descriptor to non-blocking mode.
    static func setNonBlocking(_ fd: CInt) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    /// Waits for `fds` with a timeout in nanoseconds (nil: forever). Uses ppoll for sub-ms
    /// precision, falling back to poll rounded up to whole milliseconds.
    static func wait(_ fds: inout [pollfd], timeoutNanoseconds: Int64?) -> CInt {
        let count = nfds_t(fds.count)
        if let ppoll {
            guard let ns = timeoutNanoseconds else { return ppoll(&fds, count, nil, nil) }
            var spec = timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000))
            return ppoll(&fds, count, &spec, nil)
        }
        guard let ns = timeoutNanoseconds else { return poll(&fds, count, -1) }
        let milliseconds = min(Int64(Int32.max), (ns + 999_999) / 1_000_000)
        return poll(&fds, count, CInt(milliseconds))
    }

    /// Runs `work` on a fresh thread and waits for it. Namespace switches (`setns`) happen only
    /// on such throwaway threads, so no pooled or caller thread ever changes namespace.
    static func onFreshThread<T: Sendable>(
        _ work: @escaping @Sendable () -> Result<T, LabError>
    ) -> Result<T, LabError> {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let result = work()
            box.value.withLock { $0 = result }
            done.signal()
        }
        thread.start()
        done.wait()
        return box.value.withLock { $0 }
            ?? .failure(.systemCallFailed(operation: "helper thread", reason: "ended without a result"))
    }
}

/// A result handed from a helper thread back to its waiter.
final class ResultBox<T: Sendable>: Sendable {
    let value = Mutex<Result<T, LabError>?>(nil)
}
#endif
