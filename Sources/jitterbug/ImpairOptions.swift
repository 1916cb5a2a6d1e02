import ArgumentParser
import Impairment

/// `--impair SPEC` and `--impair-log FILE`, shared by `send` and `impair`.
struct ImpairOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Impair outgoing packets, netem-like: e.g. loss=5%, loss=ge:5%/3, delay=40ms,jitter=10ms, duplicate=1%, rate=1mbit, blackhole=30s+10s, at=30s:loss=20%, seed=42.",
        valueName: "spec"))
    var impair: String?

    @Option(help: ArgumentHelp("Write the impairment ground truth, one JSON line per packet.", valueName: "file"))
    var impairLog: String?

    func validate() throws {
        if let impair {
            do { _ = try ImpairmentSpec(parsing: impair) } catch { throw ValidationError("\(error)") }
        }
        if impairLog != nil && impair == nil {
            throw ValidationError("--impair-log needs --impair SPEC")
        }
    }

    /// The parsed spec, or nil when no impairment was asked for.
    func spec() throws -> ImpairmentSpec? {
        try impair.map { try ImpairmentSpec(parsing: $0) }
    }
}
