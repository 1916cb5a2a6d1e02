/// One leaf of a JSON document, by path: `blocks[0].udp.late_percent` = `0.85`. Numbers keep the
/// JSON's own text, so the report shows exactly what `--json` wrote (no rounding).
public struct JSONFigure: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case number, string, bool, null }

    /// Dotted path; array elements as `[index]`.
    public var path: String
    /// The number or literal as written, or the string's decoded text.
    public var value: String
    public var kind: Kind

    public init(path: String, value: String, kind: Kind) {
        self.path = path
        self.value = value
        self.kind = kind
    }
}
