import Foundation

/// Runs a program (the built `jitterbug`, ffmpeg, tshark) as a child process, as a person would.
package enum CommandRunner {
    /// Starts `executable`; `stdin` is written on a background thread and then closed (no
    /// `stdin`: closed at once). The caller waits with ``RunningCommand/finish(timeoutSeconds:)``.
    /// - Parameters:
    ///   - currentDirectory: where the child runs (default: this process's directory).
    ///   - environment: variables set for the child on top of this process's environment.
    package static func start(
        _ executable: String, _ arguments: [String], stdin: Data? = nil, currentDirectory: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> RunningCommand {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let input = Pipe()
        process.standardInput = input
        let running = RunningCommand(process: process)
        try process.run()
        running.startReading()
        if let stdin {
            Thread {
                input.fileHandleForWriting.write(stdin)
                try? input.fileHandleForWriting.close()
            }.start()
        } else {
            try? input.fileHandleForWriting.close()
        }
        return running
    }

    /// Runs to completion, killing the process after `timeoutSeconds`.
    package static func run(
        _ executable: String, _ arguments: [String], stdin: Data? = nil, timeoutSeconds: Double = 60
    ) throws -> CommandResult {
        try start(executable, arguments, stdin: stdin).finish(timeoutSeconds: timeoutSeconds)
    }
}
