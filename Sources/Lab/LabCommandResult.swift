#if os(Linux)

/// How a command run by the lab ended, with its captured output.
package struct LabCommandResult: Sendable, Hashable {
    /// The command line as spawned (including `ip netns exec NAME` when run in a namespace).
    package var arguments: [String]
    /// Exit status 0...255, or 128 + signal number when killed by a signal.
    package var status: Int32
    /// The signal that ended the command, if any.
    package var terminationSignal: Int32?
    /// Captured standard output (empty when the output was inherited); at most
    /// `LabProcess.captureLimitBytes` bytes, decoded as UTF-8.
    package var standardOutput: String
    /// Captured standard error, same limits.
    package var standardError: String
    /// True when the lab ended the command because its timeout passed.
    package var timedOut: Bool

    package init(
        arguments: [String], status: Int32, terminationSignal: Int32?, standardOutput: String,
        standardError: String, timedOut: Bool
    ) {
        self.arguments = arguments
        self.status = status
        self.terminationSignal = terminationSignal
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.timedOut = timedOut
    }

    /// Exited by itself with status 0.
    package var succeeded: Bool { status == 0 && terminationSignal == nil && !timedOut }
}
#endif
