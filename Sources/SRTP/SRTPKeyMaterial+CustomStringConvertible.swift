// Key material ends up in log lines through string interpolation; print the shape, never the bytes.
extension SRTPKeyMaterial: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "SRTPKeyMaterial(\(suite.rawValue), \(keyAndSalt.count) bytes, redacted)" }
    public var debugDescription: String { description }
}
