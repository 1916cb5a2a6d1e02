import Foundation
import JitterbugTestSupport

// The shared runner, visible in every file of this target without an import of its own.
typealias CommandRunner = JitterbugTestSupport.CommandRunner
typealias RunningCommand = JitterbugTestSupport.RunningCommand
typealias CommandResult = JitterbugTestSupport.CommandResult

/// The built `jitterbug` binary, and the names the CLI suites have always used for the shared
/// helpers (so every suite reads the same).
extension CommandRunner {
    /// The `jitterbug` executable next to the test bundle (`swift build` puts both in one folder).
    static var jitterbugPath: String { JitterbugBinary.path }

    static func jitterbug(_ arguments: [String], stdin: Data? = nil, timeoutSeconds: Double = 60) throws -> CommandResult {
        try run(jitterbugPath, arguments, stdin: stdin, timeoutSeconds: timeoutSeconds)
    }

    /// Starts `jitterbug recv` (or `impair`) and waits until it says it is listening, so a
    /// sender started next is heard from its first packet.
    /// `prefix`: a command and its arguments that run `jitterbug` (e.g. `setpriv …`).
    static func startListening(
        _ arguments: [String], readyLine: String = "jitterbug recv: listening on", prefix: [String] = []
    ) throws -> RunningCommand {
        let command =
            try prefix.first.map { try start(ExternalProgram.which($0) ?? $0, Array(prefix.dropFirst()) + [jitterbugPath] + arguments) }
            ?? start(jitterbugPath, arguments)
        try command.waitForLine(containing: readyLine)
        return command
    }

    static func which(_ name: String) -> String? { ExternalProgram.which(name) }

    static func freeUDPPort() -> Int { FreePort.udp() }

    static func temporaryDirectory() throws -> URL { try TemporaryDirectory.create() }
}
