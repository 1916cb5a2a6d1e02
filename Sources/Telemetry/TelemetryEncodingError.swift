/// Why ``TelemetryPayloadCodec/encode(_:)`` refused a frame (a programming or input error on
/// the sending side; nothing is sent).
public enum TelemetryEncodingError: Error, Sendable, Hashable {
    /// Sample `index` has the wrong number of values or a value of the wrong type.
    case sampleDoesNotMatchSchema(index: Int)
    /// More samples than the 16-bit count field holds.
    case tooManySamples(count: Int)
}
