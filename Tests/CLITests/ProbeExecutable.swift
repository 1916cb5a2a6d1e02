import Foundation
import JitterbugTestSupport

/// The `jitterbug` whose `probe` the end-to-end test runs: this build's, or the one named by
/// `JITTERBUG_PROBE_EXECUTABLE` (another worktree's build while `probe` is being written).
enum ProbeExecutable {
    static var path: String {
        ProcessInfo.processInfo.environment["JITTERBUG_PROBE_EXECUTABLE"] ?? CommandRunner.jitterbugPath
    }

    /// Whether that `jitterbug` has a `probe` command: its help names `--every` (without the
    /// command, `jitterbug probe --help` prints the top-level help and succeeds too).
    static var isAvailable: Bool {
        guard let help = try? CommandRunner.run(path, ["probe", "--help"], timeoutSeconds: 30) else { return false }
        return help.exitCode == 0 && help.stdout.contains("--every")
    }
}
