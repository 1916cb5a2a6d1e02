import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Network failures in words, naming the peer: NIO's own texts ("connection reset (error set):
/// Connection refused) (errno: 111)", "I/O on closed channel") are for programmers.
enum NetworkErrorText {
    /// A sentence for `error` met while talking to `peer`, or nil when it is not a network error.
    static func sentence(for error: any Error, peer: String) -> String? {
        if let error = error as? IOError {
            let code = error.errnoCode
            switch code {
            case ECONNREFUSED: return "\(peer) refused the connection: nothing listens there (errno \(code))"
            case ENETUNREACH, EHOSTUNREACH: return "\(peer) is unreachable: no route to it (errno \(code))"
            case ETIMEDOUT: return "\(peer) did not answer: the connection timed out (errno \(code))"
            case EPERM, EACCES: return "sending to \(peer) was not permitted (a local firewall?) (errno \(code))"
            default: return "network error with \(peer): \(String(cString: strerror(code))) (errno \(code))"
            }
        }
        if let error = error as? ChannelError {
            switch error {
            case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed:
                return "the connection to \(peer) closed unexpectedly"
            case .connectTimeout(let after):
                return "\(peer) did not answer within \(after)"
            default:
                return "network error with \(peer): \(error)"
            }
        }
        return nil
    }
}
