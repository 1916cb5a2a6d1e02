import CSRTP

/// Why `SRTPSession` refused a packet. Use `reason` as a counter label.
public enum SRTPError: Error, Equatable, Sendable {
    /// The authentication tag did not verify: tampered packet or wrong key. Label `auth_fail`.
    case authenticationFailed
    /// The packet index was already seen, or is older than the replay window (libsrtp's
    /// `replay_fail` and `replay_old`). Also thrown when protecting the same RTP sequence number
    /// twice. Label `replay_fail`.
    case replayed
    /// libsrtp rejected the packet or the session parameters, e.g. an RTP header whose CSRC
    /// count or extension runs past the end, or a replay window outside 64...32767. Label `bad_param`.
    case badParameter
    /// The packet cannot hold the header (and, when unprotecting, the trailer). Label `too_short`.
    case tooShort(byteCount: Int, minimumBytes: Int)
    /// The packet exceeds `SRTPSession.maximumPacketLength` bytes. Label `too_long`.
    case tooLong(byteCount: Int, maximumBytes: Int)
    /// Any other libsrtp status (`srtp_err_status_t`). Label `srtp_error_<code>`.
    case library(status: UInt32)

    /// A stable, low-cardinality label for metrics: `auth_fail`, `replay_fail`, `bad_param`,
    /// `too_short`, `too_long` or `srtp_error_<code>`.
    public var reason: String {
        switch self {
        case .authenticationFailed: "auth_fail"
        case .replayed: "replay_fail"
        case .badParameter: "bad_param"
        case .tooShort: "too_short"
        case .tooLong: "too_long"
        case let .library(status): "srtp_error_\(status)"
        }
    }

    /// Maps a non-zero libsrtp status to an error.
    init(status: UInt32) {
        switch status {
        case srtp_err_status_auth_fail.rawValue: self = .authenticationFailed
        case srtp_err_status_replay_fail.rawValue, srtp_err_status_replay_old.rawValue: self = .replayed
        case srtp_err_status_bad_param.rawValue: self = .badParameter
        default: self = .library(status: status)
        }
    }
}
