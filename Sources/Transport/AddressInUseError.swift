import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Binding failed because another socket holds the address (EADDRINUSE): a second receiver on
/// a busy port is refused rather than silently sharing, or stealing, its stream.
package struct AddressInUseError: Error, Sendable, CustomStringConvertible {
    package var address: String
    package var description: String { "\(address) is already in use (another process is listening there)" }

    /// Runs a bind, turning EADDRINUSE into this error and leaving every other error as it is.
    package static func mapping<Result>(_ address: SocketAddress, _ bind: () async throws -> Result) async throws -> Result {
        do {
            return try await bind()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw AddressInUseError(address: address.endpointDescription)
        }
    }
}
