extension SRTPKeyError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidBase64:
            "SRTP key is not valid base64"
        case let .wrongLength(suite, actualBytes, expectedBytes):
            "SRTP key for \(suite.rawValue) must decode to \(expectedBytes) bytes "
                + "(\(suite.masterKeyLength)-byte key + \(suite.masterSaltLength)-byte salt), got \(actualBytes)"
        case let .unknownSuite(name):
            "unknown SRTP crypto suite '\(name)' (supported: "
                + SRTPSuite.allCases.map(\.rawValue).joined(separator: ", ") + ")"
        case let .malformedAttribute(reason):
            "malformed a=crypto attribute: \(reason)"
        case let .unsupportedParameter(parameter):
            "unsupported a=crypto parameter: \(parameter)"
        }
    }
}
