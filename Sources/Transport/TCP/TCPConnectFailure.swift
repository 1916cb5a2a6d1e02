import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connect error as a short phrase for people ("connection refused", "no answer within
/// 2 s"), instead of NIO's debug description.
package enum TCPConnectFailure {
    package static func describe(_ error: any Error) -> String {
        if let io = error as? IOError, let text = strerror(io.errnoCode) {
            return String(cString: text).lowercased()
        }
        if let channel = error as? ChannelError, case .connectTimeout(let limit) = channel {
            return "no answer within \(Double(limit.nanoseconds) / 1e9) s"
        }
        return "\(error)"
    }
}
