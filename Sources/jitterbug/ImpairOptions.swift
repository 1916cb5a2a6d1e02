import ArgumentParser
import Impairment

/// `--impair SPEC` and `--impair-log`, shared by `send`, `impair` and `lab`. The spec is parsed
/// once, with the arguments; a bad one fails naming the term and the forms it accepts.
struct ImpairOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "What to do to the packets, netem-like: e.g. loss=5%, loss=ge:5%/3, delay=40ms,jitter=10ms, duplicate=1%, rate=1mbit, blackhole=30s+10s, at=30s:loss=20%, seed=42.",
        valueName: "spec"), transform: ImpairmentSpec.argument)
    var impair: ImpairmentSpec?

    @Option(help: ArgumentHelp(
        "Write the impairment ground truth, one JSON line per packet and direction (lab: FILE is a prefix for FILE-up.jsonl and FILE-down.jsonl).",
        valueName: "file"))
    var impairLog: String?

    func validate() throws {
        try OutputPathCheck.validate(impairLog, option: "--impair-log")
        if impairLog != nil && impair == nil {
            throw ValidationError("--impair-log needs --impair SPEC")
        }
    }

    /// The parsed spec, or nil when no impairment was asked for.
    func spec() throws -> ImpairmentSpec? { impair }
}
