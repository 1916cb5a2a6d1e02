extension TelemetryEncodingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .sampleDoesNotMatchSchema(let index):
            "sample \(index) does not match the schema's channel count or types"
        case .tooManySamples(let count):
            "\(count) samples in one frame; at most \(TelemetryPayloadCodec.maxSamplesPerFrame) fit"
        }
    }
}
