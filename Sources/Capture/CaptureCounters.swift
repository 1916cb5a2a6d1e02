/// Records a reader passed over, by reason: nothing is skipped silently.
public struct CaptureCounters: Sendable, Equatable, Codable {
    /// Records (frames) read from the file.
    public var records = 0
    /// UDP datagrams and RFC 4571 frames returned by `next()`.
    public var packets = 0
    public init() {}
}
