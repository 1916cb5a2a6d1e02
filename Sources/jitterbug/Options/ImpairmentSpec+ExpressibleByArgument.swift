import ArgumentParser
import Impairment

/// `--impair SPEC` is parsed once, with the arguments.
extension ImpairmentSpec: ExpressibleByArgument {
    public init?(argument: String) {
        guard !argument.allSatisfy(\.isWhitespace), let spec = try? ImpairmentSpec(parsing: argument) else { return nil }
        self = spec
    }

    /// Transform for `@Option(transform:)`, so the error names the bad term and the forms it accepts.
    /// An empty spec given on the command line is a mistake (a shell variable that was not
    /// set), not a request for no impairment: leave `--impair` out for that.
    static func argument(_ text: String) throws -> ImpairmentSpec {
        guard !text.allSatisfy(\.isWhitespace) else {
            throw ImpairmentSpecError(
                term: text, reason: "the spec is empty (leave --impair out for no impairment)",
                expected: "one or more of " + "loss=P%, delay=TIME, jitter=TIME, reorder=P%, duplicate=P%, … (e.g. loss=5%,delay=20ms)")
        }
        return try ImpairmentSpec(parsing: text)
    }
}
