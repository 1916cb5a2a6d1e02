internal import COpus

/// A failure reported by libopus (or detected before calling it), with the libopus error code,
/// libopus's own text for it (`opus_strerror`) and, when available, what we were doing.
public struct OpusError: Error, Sendable, Equatable {
    /// The libopus error codes (`OPUS_*` in opus_defines.h).
    public enum Code: Int32, Sendable, CaseIterable {
        case badArgument = -1
        case bufferTooSmall = -2
        case internalError = -3
        case invalidPacket = -4
        case unimplemented = -5
        case invalidState = -6
        case allocationFailure = -7
    }

    /// The raw libopus return value (negative).
    public let code: Int32
    /// `opus_strerror(code)`, e.g. "corrupted stream".
    public let libopusMessage: String
    /// Our context, e.g. the expected sample count; empty when libopus's text says it all.
    public let detail: String

    /// Wraps a libopus return code; `detail` adds our context.
    public init(code: Int32, detail: String = "") {
        self.code = code
        self.libopusMessage = String(cString: opus_strerror(code))
        self.detail = detail
    }

    init(_ code: Code, detail: String) {
        self.init(code: code.rawValue, detail: detail)
    }

    /// The code as a known case, `nil` for codes newer libopus versions might add.
    public var knownCode: Code? { Code(rawValue: code) }
}
