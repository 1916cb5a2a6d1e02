/// A rejected `--impair` spec: names the offending term, why it was rejected and the forms
/// that term accepts.
///
/// Rendered as `bad term 'loss=5' in impairment spec: '5' has no '%' ...; expected loss=P% | ...`.
public struct ImpairmentSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The term as written (trimmed), e.g. `loss=5`; empty for an empty term.
    public var term: String
    /// What is wrong with it.
    public var reason: String
    /// The accepted forms for this term's key (or the list of keys when the key is unknown).
    public var expected: String

    public init(term: String, reason: String, expected: String) {
        self.term = term
        self.reason = reason
        self.expected = expected
    }

    public var description: String {
        "bad term '\(term)' in impairment spec: \(reason); expected \(expected)"
    }
}
