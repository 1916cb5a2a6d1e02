/// A child process did not print the awaited line in time (or exited without it).
package struct CommandWaitError: Error, CustomStringConvertible {
    package var awaited: String
    /// True when the process closed its output (exited) before printing the line.
    package var exited: Bool
    package var stdout: String
    package var stderr: String

    package var description: String {
        let why = exited ? "exited without printing" : "timed out waiting for"
        return "\(why) a line containing \"\(awaited)\"\nstdout: \(stdout.suffix(2_000))\nstderr: \(stderr.suffix(2_000))"
    }
}
