import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A UDP datagram that did not leave: the kernel refused it (a local firewall's EPERM, no
/// route), or the socket a refusal closed was not open again yet. For `auto` this is a path
/// failure like a blackhole, not the end of the run.
package struct UDPSendFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why, as a sentence fragment ("operation not permitted (errno 1)").
    package var reason: String
    /// Whether the kernel saw the datagram and refused it (a firewall rule counts it), as
    /// opposed to it never reaching a socket.
    package var refusedByKernel: Bool

    package init(reason: String, refusedByKernel: Bool) {
        self.reason = reason
        self.refusedByKernel = refusedByKernel
    }

    /// The failure for `error` thrown by a send.
    package init(_ error: any Error) {
        if let failure = error as? UDPSendFailure {
            self = failure
        } else if let io = error as? IOError {
            self.init(reason: "\(Self.text(errno: io.errnoCode)) (errno \(io.errnoCode))", refusedByKernel: true)
        } else {
            self.init(reason: "the UDP socket is closed", refusedByKernel: false)
        }
    }

    package var description: String { reason }

    private static func text(errno code: CInt) -> String {
        guard let message = strerror(code) else { return "error" }
        return String(cString: message).lowercased()
    }
}
