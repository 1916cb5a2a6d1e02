extension TelemetryPayloadError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .truncated:
            "telemetry payload truncated inside its header or schema"
        case .badMagic(let byte):
            "not a telemetry payload (first byte 0x\(String(byte, radix: 16, uppercase: true)))"
        case .unknownVersion(let version):
            "unknown telemetry format version \(version) (this build reads version \(TelemetryPayloadCodec.version))"
        case .unknownSchema(let id):
            "telemetry schema \(id) has not been announced yet"
        case .sampleCountOverrun(let declared, let available, let perSample):
            "frame declares \(declared) samples but only \(available) bytes remain (\(perSample) bytes per sample after the first)"
        case .badType(let code, let channel):
            "channel \(channel) has unknown type code \(code)"
        case .badChannelName(let channel):
            "channel \(channel) name is not valid UTF-8"
        case .badSchema(let error):
            "invalid inline schema: \(error)"
        case .badValue(let sample, let channel):
            "sample \(sample) channel \(channel): bool byte is neither 0 nor 1"
        case .trailingBytes(let count):
            "\(count) bytes follow the last declared sample"
        }
    }
}
