import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `jitterbug` binary (or another program) as a child process, as a person would.
struct CommandResult: Sendable {
    var exitCode: Int32
    var stdout: String
    var stderr: String
    var stdoutData: Data
}

enum CommandRunner {
    /// The `jitterbug` executable next to the test bundle (`swift build` puts both in one folder).
    static var jitterbugPath: String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let sibling = bundleDirectory.appendingPathComponent("jitterbug").path
        if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/jitterbug").path
    }

    /// Finds a program on PATH (ffmpeg, tshark); nil when it is not installed.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Starts a process; the caller waits with `finish`.
    static func start(_ executable: String, _ arguments: [String], stdin: Data? = nil) throws -> RunningCommand {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        let running = RunningCommand(process: process, out: out, err: err)
        if let stdin {
            DispatchQueue.global().async {
                input.fileHandleForWriting.write(stdin)
                try? input.fileHandleForWriting.close()
            }
        } else {
            try? input.fileHandleForWriting.close()
        }
        return running
    }

    /// Runs to completion, killing the process after `timeoutSeconds`.
    static func run(
        _ executable: String, _ arguments: [String], stdin: Data? = nil, timeoutSeconds: Double = 60
    ) throws -> CommandResult {
        try start(executable, arguments, stdin: stdin).finish(timeoutSeconds: timeoutSeconds)
    }

    static func jitterbug(_ arguments: [String], stdin: Data? = nil, timeoutSeconds: Double = 60) throws -> CommandResult {
        try run(jitterbugPath, arguments, stdin: stdin, timeoutSeconds: timeoutSeconds)
    }

    /// A UDP port that was free a moment ago on 127.0.0.1 (the kernel picks it).
    static func freeUDPPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A fresh temporary directory for one test's files.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jitterbug-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A child process whose output is collected in the background (so full pipes never block it).
final class RunningCommand: @unchecked Sendable {
    // @unchecked: `out`/`err` buffers are only touched on `queue`; `process` is used by one test.
    let process: Process
    private let queue = DispatchQueue(label: "command-output")
    private var outData = Data()
    private var errData = Data()
    private let group = DispatchGroup()

    init(process: Process, out: Pipe, err: Pipe) {
        self.process = process
        for (pipe, isOut) in [(out, true), (err, false)] {
            group.enter()
            DispatchQueue.global().async { [self] in
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                queue.sync { if isOut { outData = data } else { errData = data } }
                group.leave()
            }
        }
    }

    /// Sends SIGINT, as Ctrl-C would.
    func interrupt() { process.interrupt() }

    func finish(timeoutSeconds: Double) throws -> CommandResult {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            usleep(200_000)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        _ = group.wait(timeout: .now() + 5)
        return queue.sync {
            CommandResult(
                exitCode: process.terminationStatus,
                stdout: String(decoding: outData, as: UTF8.self),
                stderr: String(decoding: errData, as: UTF8.self),
                stdoutData: outData)
        }
    }
}
