import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The `jitterbug` command: real-time audio and telemetry over RTP/UDP.
struct Jitterbug: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jitterbug",
        abstract: "Stream test audio over RTP/UDP, measure loss and latency, simulate drop.",
        discussion: """
            Start with `jitterbug demo` (a sender and receiver on loopback).
            Between two hosts:
              receiver:  jitterbug recv --listen 5004 --output heard.wav
              sender:    jitterbug send --to RECEIVER:5004 --tone 440 --duration 10s
            """,
        version: "0.1.0",
        subcommands: Self.commands
    )
}

extension Jitterbug {
    #if os(Linux)
    static let commands: [any ParsableCommand.Type] = [
        SendCommand.self, RecvCommand.self, ProbeCommand.self, CompareCommand.self, StatsCommand.self, ImpairCommand.self, LabCommand.self, KeygenCommand.self, DemoCommand.self, AnalyzeCommand.self,
    ]
    #else
    static let commands: [any ParsableCommand.Type] = [SendCommand.self, RecvCommand.self, ProbeCommand.self, CompareCommand.self, StatsCommand.self, ImpairCommand.self, KeygenCommand.self, DemoCommand.self, AnalyzeCommand.self]
    #endif
}

extension Jitterbug {
    /// `jitterbug help NAME` for a NAME that is no subcommand is a usage error (argument-parser
    /// prints the general help and exits 0).
    static func checkHelpTopic(_ arguments: [String]) throws {
        guard arguments.count >= 2, arguments[0] == "help" else { return }
        let names = commands.map { $0.configuration.commandName ?? "" }
        guard !names.contains(arguments[1]) else { return }
        throw ValidationError("unknown subcommand '\(arguments[1])': expected one of \(names.joined(separator: ", "))")
    }
}

/// Exit codes as iperf3/ffmpeg users expect: 0 success, 2 usage errors, 1 runtime failures.
@main
enum Main {
    static func main() async {
        // A closed stdout pipe (`recv --output - | head`) must be an error, not a silent death.
        signal(SIGPIPE, SIG_IGN)
        do {
            try Jitterbug.checkHelpTopic(Array(CommandLine.arguments.dropFirst()))
            var command = try Jitterbug.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = Jitterbug.exitCode(for: error)
            let message = Jitterbug.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty { Console.error(message) }
            if code == .validationFailure { exit(2) }
            exit(code == .failure || code.rawValue == 0 ? 1 : code.rawValue)
        }
    }
}
