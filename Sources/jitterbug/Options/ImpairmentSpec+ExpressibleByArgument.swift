import ArgumentParser
import Impairment

/// `--impair SPEC` is parsed once, with the arguments.
extension ImpairmentSpec: ExpressibleByArgument {
    public init?(argument: String) {
        guard let spec = try? ImpairmentSpec(parsing: argument) else { return nil }
        self = spec
    }

    /// Transform for `@Option(transform:)`, so the error names the bad term and the forms it accepts.
    static func argument(_ text: String) throws -> ImpairmentSpec {
        try ImpairmentSpec(parsing: text)
    }
}
