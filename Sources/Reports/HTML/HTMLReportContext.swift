/// What every HTML report states about how it was made: the exact command line and the versions
/// of the program, the Opus library and the operating system. The CLI fills it in (the Reports
/// library links no codec and asks no system).
public struct HTMLReportContext: Sendable {
    /// The arguments as the process received them (`CommandLine.arguments`), program first.
    public var arguments: [String]
    /// (name, version) pairs in display order, e.g. ("jitterbug", "0.1.0"), ("libopus", "libopus 1.5.2").
    public var versions: [(name: String, value: String)]
    /// When the report was written, as text (e.g. ISO 8601 UTC).
    public var created: String

    public init(arguments: [String], versions: [(name: String, value: String)], created: String) {
        self.arguments = arguments
        self.versions = versions
        self.created = created
    }

    /// The command line as a POSIX shell would take it back: arguments with anything but
    /// `[A-Za-z0-9_@%+=:,./-]` are single-quoted (a quote inside becomes `'\''`).
    public var commandLine: String {
        arguments.map(Self.shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ argument: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")
        if !argument.isEmpty, argument.allSatisfy({ safe.contains($0) }) { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
