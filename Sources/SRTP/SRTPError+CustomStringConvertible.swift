extension SRTPError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .authenticationFailed: "SRTP authentication failed (tampered packet or wrong key)"
        case .replayed: "SRTP replay check failed (duplicate or too old for the replay window)"
        case .badParameter: "SRTP bad parameter (malformed header or invalid session setting)"
        case let .tooShort(byteCount, minimumBytes): "SRTP packet too short: \(byteCount) bytes, need at least \(minimumBytes)"
        case let .tooLong(byteCount, maximumBytes): "SRTP packet too long: \(byteCount) bytes, limit \(maximumBytes)"
        case let .library(status): "libsrtp error status \(status)"
        }
    }
}
