import Pipelines

/// One `recv --payload-type` value: `PT` (accept only this dynamic type) or `PT=opus` /
/// `PT=telemetry` (decode this type as that media, whatever its payload looks like).
struct PayloadTypeArgument: Equatable {
    /// Dynamic RTP payload type, 96...127.
    var payloadType: UInt8
    /// `nil` for a bare `PT`.
    var kind: MediaKind?

    static let acceptedForms =
        "a dynamic payload type from 96 to 127 (PT: accept only that type) or PT=opus / PT=telemetry (how to decode that type), e.g. 100=opus"

    /// Transform for `@Option(transform:)`, so the error names the bad value and the accepted forms.
    static func argument(_ text: String) throws -> PayloadTypeArgument {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard let number = Int(parts[0]), (96...127).contains(number) else {
            throw ArgumentFormatError(description: "expected \(acceptedForms)")
        }
        guard parts.count == 2 else { return PayloadTypeArgument(payloadType: UInt8(number), kind: nil) }
        guard let kind = MediaKind(rawValue: String(parts[1]).lowercased()) else {
            throw ArgumentFormatError(description: "unknown media '\(parts[1])'; expected \(acceptedForms)")
        }
        return PayloadTypeArgument(payloadType: UInt8(number), kind: kind)
    }

    /// The receiver's settings from every `--payload-type` given: at most one bare type (the
    /// one accepted) and one mapping per type.
    static func settings(_ values: [PayloadTypeArgument]) throws -> (accept: UInt8?, kinds: [UInt8: MediaKind]) {
        let bare = values.filter { $0.kind == nil }
        guard bare.count <= 1 else {
            let list = bare.map { "\($0.payloadType)" }.joined(separator: ", ")
            throw ArgumentFormatError(description: "--payload-type accepts only one type without '=' (got \(list)); map others with PT=opus or PT=telemetry")
        }
        var kinds: [UInt8: MediaKind] = [:]
        for value in values {
            guard let kind = value.kind else { continue }
            if let earlier = kinds[value.payloadType], earlier != kind {
                throw ArgumentFormatError(description: "--payload-type \(value.payloadType) is mapped to both \(earlier.rawValue) and \(kind.rawValue); give one PT=opus or PT=telemetry per type")
            }
            kinds[value.payloadType] = kind
        }
        return (bare.first?.payloadType, kinds)
    }
}
