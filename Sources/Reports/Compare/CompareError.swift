/// Why comparison input was rejected. Bad measurements or options never trap: they throw this.
public enum CompareError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The per-packet arrays of a measurement have different lengths.
    case mismatchedPacketCounts(path: String, sends: Int, arrivals: Int, wireBytes: Int, payloadBytes: Int)
    /// Frame duration must be > 0 µs.
    case invalidFrameDuration(microseconds: Int64)
    /// A byte count is negative, or the payload is larger than the packet on the wire.
    case invalidByteCount(path: String, packetIndex: Int)
    /// A time offset, frame duration or byte count is beyond the limits `PathMeasurement` states.
    case valueOutOfRange(path: String, field: String)
    /// A playout delay or sweep bound is negative or not finite, or the sweep step is not > 0.
    case invalidDelay(String)
    /// A JSON document could not be read as a JSON object.
    case unreadableDocument(name: String, reason: String)
    /// A run left no trace file where one was expected.
    case missingTrace(path: String)
    /// A path's sender trace holds no packet.
    case nothingSent(path: String)

    public var description: String {
        switch self {
        case let .mismatchedPacketCounts(path, sends, arrivals, wire, payload):
            return "\(path): per-packet arrays differ in length (send \(sends), arrival \(arrivals), wire bytes \(wire), payload bytes \(payload))"
        case let .invalidFrameDuration(microseconds):
            return "frame duration must be > 0 µs, got \(microseconds)"
        case let .invalidByteCount(path, index):
            return "\(path): packet \(index) has a negative byte count or payload larger than the wire size"
        case let .valueOutOfRange(path, field):
            return "\(path): \(field) is out of range"
        case let .invalidDelay(reason):
            return "invalid delay: \(reason)"
        case let .unreadableDocument(name, reason):
            return "\(name): not a JSON object (\(reason))"
        case let .missingTrace(path):
            return "compare: no trace at '\(path)': the run did not produce one"
        case let .nothingSent(path):
            return "compare: the \(path) sender sent nothing"
        }
    }
}
