import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Binding failed because another socket holds the address (EADDRINUSE): a second receiver on
/// a busy port is refused rather than silently sharing, or stealing, its stream.
package struct AddressInUseError: Error, Sendable, CustomStringConvertible {
    package var address: String
    package var description: String { "\(address) is already in use (another process is listening there)" }

    /// Runs a bind, turning EADDRINUSE into this error and any other system error into a
    /// ``BindFailedError`` naming the address (never NIO's raw `bind(descriptor:ptr:bytes:)` text).
    package static func mapping<Result>(_ address: SocketAddress, _ bind: () async throws -> Result) async throws -> Result {
        do {
            return try await bind()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw AddressInUseError(address: address.endpointDescription)
        } catch let error as IOError {
            throw BindFailedError(address: address.endpointDescription, errno: error.errnoCode)
        }
    }
}

/// Binding failed for a reason other than a busy port: says which address and why, in words.
package struct BindFailedError: Error, Sendable, CustomStringConvertible {
    package var address: String
    package var errno: CInt

    package var description: String {
        switch errno {
        case EADDRNOTAVAIL: "cannot listen on \(address): no interface of this host has that address"
        case EACCES: "cannot listen on \(address): permission denied (ports below 1024 need root)"
        case EAFNOSUPPORT: "cannot listen on \(address): this host does not support that address family"
        default: "cannot listen on \(address): \(String(cString: strerror(errno))) (errno \(errno))"
        }
    }
}
