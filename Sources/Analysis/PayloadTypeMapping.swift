/// Clock rates for dynamic payload types, from `--payload-type` and `--sdp`: what a capture
/// without signalling cannot tell by itself.
public struct PayloadTypeMapping: Sendable, Equatable {
    /// Payload type → codec; later entries replace earlier ones.
    public private(set) var codecs: [UInt8: CodecDescription] = [:]

    public init() {}

    /// The accepted form of one `--payload-type` value, for error messages.
    public static let acceptedForms = "PT=opus, PT=telemetry or PT=NAME/RATE with PT 0 to 127 and RATE in Hz, e.g. 111=opus or 97=H264/90000"

    /// Why a `--payload-type` value or an SDP file was not understood.
    public struct FormatError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Sets one payload type's codec.
    public mutating func set(_ payloadType: UInt8, _ codec: CodecDescription) {
        codecs[payloadType] = codec
    }

    /// Parses and adds one `--payload-type` value (`111=opus`, `100=telemetry`, `97=H264/90000`).
    public mutating func add(argument: String) throws(FormatError) {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let number = Int(parts[0]), (0...127).contains(number) else {
            throw FormatError(description: "bad --payload-type '\(argument)': expected \(Self.acceptedForms)")
        }
        guard let codec = Self.codec(text: String(parts[1])) else {
            throw FormatError(description: "bad --payload-type '\(argument)': expected \(Self.acceptedForms)")
        }
        set(UInt8(number), codec)
    }

    /// `opus`, `telemetry`, `NAME/RATE` or `NAME/RATE/CHANNELS`, or a known `NAME`.
    static func codec(text: String) -> CodecDescription? {
        let fields = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let name = fields.first, !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
        else { return nil }
        let lower = name.lowercased()
        let canonical = lower == "opus" || lower == "telemetry" ? lower : name
        if fields.count == 1 {
            guard let rate = CodecDescription.knownRate(name: name) else { return nil }
            return CodecDescription(name: canonical, clockRateHertz: rate)
        }
        guard fields.count <= 3, let rate = Int(fields[1]), (1...10_000_000).contains(rate) else { return nil }
        return CodecDescription(name: canonical, clockRateHertz: rate)
    }

    /// Adds every `a=rtpmap:PT NAME/RATE[/CHANNELS]` line of an SDP document (RFC 8866 §6.6).
    /// Lines that are not rtpmap attributes are ignored; a malformed rtpmap is an error.
    /// - Returns: how many rtpmap lines were read.
    @discardableResult
    public mutating func add(sdp text: String) throws(FormatError) -> Int {
        var count = 0
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingWhitespace()
            guard line.hasPrefix("a=rtpmap:") else { continue }
            let body = line.dropFirst("a=rtpmap:".count)
            let fields = body.split(separator: " ", maxSplits: 1).map { String($0).trimmingWhitespace() }
            guard fields.count == 2, let number = Int(fields[0]), (0...127).contains(number),
                let codec = Self.codec(text: fields[1])
            else {
                throw FormatError(description: "bad SDP line '\(line)': expected a=rtpmap:PT NAME/RATE")
            }
            set(UInt8(number), codec)
            count += 1
        }
        return count
    }
}
