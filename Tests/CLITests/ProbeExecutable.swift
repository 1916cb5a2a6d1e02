import Foundation
import JitterbugTestSupport

/// The `jitterbug` whose `probe` the end-to-end test runs: this build's, or the one named by
/// `JITTERBUG_PROBE_EXECUTABLE` (another worktree's build while `probe` is being written).
enum ProbeExecutable {
    static var path: String {
        ProcessInfo.processInfo.environment["JITTERBUG_PROBE_EXECUTABLE"] ?? CommandRunner.jitterbugPath
    }

    /// Whether that `jitterbug` has a `probe` command (`probe --help` succeeds).
    static var isAvailable: Bool {
        (try? CommandRunner.run(path, ["probe", "--help"], timeoutSeconds: 30))?.exitCode == 0
    }
}
