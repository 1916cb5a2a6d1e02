import Foundation

/// How a child process ended and everything it wrote.
package struct CommandResult: Sendable {
    package var exitCode: Int32
    /// Standard output as UTF-8 text (invalid bytes replaced).
    package var stdout: String
    package var stderr: String
    /// Standard output as bytes (audio piped out by `recv --output -`).
    package var stdoutData: Data
}
