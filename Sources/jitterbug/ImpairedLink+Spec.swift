import Impairment
import Pipelines

/// The sender's impaired link for `--impair SPEC` (its "up" direction), writing the ground truth
/// to `--impair-log`; `nil` without a spec.
func impairedLink(
    _ spec: ImpairmentSpec?, log: LineFile?, deliver: @escaping @Sendable ([UInt8]) async throws -> Void
) -> ImpairedLink? {
    guard let spec else { return nil }
    var logLine: (@Sendable (String) -> Void)?
    if let log { logLine = { line in log.write(line) } }
    return ImpairedLink(engine: ImpairmentEngine(spec: spec, direction: .up), log: logLine, deliver: deliver)
}
