/// A command-line value in the wrong form; the text says which form is accepted.
struct ArgumentFormatError: Error, CustomStringConvertible {
    var description: String
}

extension Interval {
    /// Transform for `@Option(transform:)`, so the error names the accepted forms.
    static func argument(_ text: String) throws -> Interval {
        guard let value = Interval(parsing: text) else { throw ArgumentFormatError(description: "expected \(acceptedForms)") }
        return value
    }

    /// Transform for `--duration`: also takes a bare number of seconds.
    static func durationArgument(_ text: String) throws -> Interval {
        guard let value = Interval(parsing: text, bareSeconds: true) else {
            throw ArgumentFormatError(description: "expected \(acceptedDurationForms)")
        }
        return value
    }
}

extension Bitrate {
    /// Transform for `@Option(transform:)`, so the error names the accepted forms.
    static func argument(_ text: String) throws -> Bitrate {
        guard let value = Bitrate(parsing: text) else { throw ArgumentFormatError(description: "expected \(acceptedForms)") }
        return value
    }
}
