import Foundation
import Testing

/// Bad values get one clear line naming the value and the accepted form, and exit code 2
/// (usage); runtime failures exit 1. Nothing crashes.
@Suite struct CommandLineErrorTests {
    @Test(arguments: [
        (["send", "--to", "127.0.0.1:5004", "--duration", "10x"], "10x", "us, ms, s or m"),
        (["send", "--to", "127.0.0.1:5004", "--duration", "10000000000s"], "10000000000s", "at most 10000h"),
        (["send", "--to", "127.0.0.1:5004", "--duration=-5"], "-5", "a bare number is seconds"),
        (["recv", "--listen", "5004", "--jitter-max", "20"], "20", "us, ms, s or m"),
        (["send", "--to", "nohost"], "nohost", "HOST:PORT"),
        (["send", "--to", "127.0.0.1:99999"], "99999", "0 to 65535"),
        (["send", "--to", "127.0.0.1:0"], "127.0.0.1:0", "1 to 65535"),
        (["send", "--to", "300.1.1.1:5004"], "300.1.1.1", "not an IPv4 address"),
        (["send", "--to", "127.0.0.1:65535"], "65535", "--rtcp-mux"),
        (["recv", "--listen", "65535"], "65535", "--rtcp-mux"),
        // Output paths are checked before the run, not found unwritable after it.
        (["recv", "--listen", "5004", "--json", "/nonexistent/x.json"], "/nonexistent/x.json", "does not exist"),
        (["recv", "--listen", "5004", "--output", "/nonexistent/streams/"], "/nonexistent/streams/", "does not exist"),
        (["recv", "--listen", "5004", "--csv", "/tmp"], "'/tmp'", "is a directory"),
        (["demo", "--output", "/nonexistent/d.wav"], "/nonexistent/d.wav", "does not exist"),
        (["send", "--to", "127.0.0.1:5004", "--events", "/nonexistent/e.jsonl"], "/nonexistent/e.jsonl", "does not exist"),
        (["compare", "--svg", "/nonexistent/c.svg"], "/nonexistent/c.svg", "does not exist"),
        (["impair", "--listen", "6000", "--forward", "127.0.0.1:5004", "--impair", "loss=1%", "--impair-log", "/nonexistent/t.jsonl"],
         "/nonexistent/t.jsonl", "does not exist"),
        (["impair", "--listen", "6000", "--forward", "127.0.0.1:65535", "--impair", "loss=1%"], "65535", "--rtcp-mux"),
        (["send", "--to", "127.0.0.1:5004", "--bitrate", "1k"], "1000", "6000"),
        (["send", "--to", "127.0.0.1:5004", "--bitrate", "fast"], "fast", "32k"),
        (["send", "--to", "127.0.0.1:5004", "--frame", "7ms"], "7ms", "2.5ms, 5ms, 10ms, 20ms, 40ms or 60ms"),
        (["send", "--to", "127.0.0.1:5004", "--sample-rate", "44100"], "44100", "48000"),
        (["send", "--to", "127.0.0.1:5004", "--channels", "3"], "3", "1"),
        (["send", "--to", "127.0.0.1:5004", "--payload-type", "300"], "300", "96 to 127"),
        (["send", "--to", "127.0.0.1:5004", "--tone", "440", "--noise"], "--tone", "choose one"),
        (["recv", "--listen", "[::1"], "[::1", "HOST:PORT"),
        (["recv", "--listen", "5004", "--jitter-quantile", "2"], "2", "0.5 to 0.9999"),
        (["recv", "--listen", "5004", "--until-idle", "soon"], "soon", "us, ms, s or m"),
        (["recv", "--listen", "5004", "--shards", "0"], "'0'", "1 to 64 or auto"),
        (["recv", "--listen", "5004", "--shards", "65"], "'65'", "1 to 64 or auto"),
        (["recv", "--listen", "5004", "--shards", "many"], "'many'", "1 to 64 or auto"),
        (["recv", "--listen", "5004", "--late", "maybe"], "maybe", "'deliver' and 'drop'"),
        (["recv", "--listen", "5004", "--format", "xml"], "xml", "'jsonl' and 'csv'"),
        (["recv", "--listen", "5004", "--srtp-suite", "AES"], "AES", "AEAD_AES_128_GCM"),
        (["recv", "--listen", "5004", "--allow-from", "10.0.0.0/33"], "10.0.0.0/33", "ADDRESS/PREFIX"),
        (["impair", "--listen", "6000", "--forward", "127.0.0.1:5004", "--impair", "delay=soon"], "delay=soon", "delay=TIME"),
        (["impair", "--listen", "6000", "--forward", "127.0.0.1:5004"], "--impair", "<spec>"),
        (["send", "--to", "127.0.0.1:5004", "--impair-log", "x.jsonl"], "--impair-log", "--impair SPEC"),
    ])
    func usageErrorsExitTwoAndNameTheValue(arguments: [String], value: String, accepted: String) throws {
        let result = try CommandRunner.jitterbug(arguments, timeoutSeconds: 20)
        #expect(result.exitCode == 2, "\(arguments): exit \(result.exitCode) \(result.stderr)")
        #expect(result.stderr.contains(value), "\(result.stderr)")
        #expect(result.stderr.contains(accepted), "\(result.stderr)")
    }

    /// `--duration 1` is one second (iperf3's `-t 1`) and `h` is a unit; other intervals keep
    /// their unit required (`--jitter-max 20` above), since a bare number there is ambiguous.
    @Test(arguments: ["1", "0.0003h"])
    func durationTakesBareSecondsAndHours(duration: String) throws {
        let started = Date()
        let result = try CommandRunner.jitterbug(
            ["recv", "--listen", "127.0.0.1:\(CommandRunner.freeUDPPort())", "--duration", duration, "--interval", "0s"],
            timeoutSeconds: 20)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func unresolvableHostIsARuntimeErrorNamingIt() throws {
        let result = try CommandRunner.jitterbug(["send", "--to", "nosuchhost.invalid:5004", "--duration", "1s"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("cannot resolve 'nosuchhost.invalid'"), "\(result.stderr)")
    }

    /// A second receiver on a busy UDP port is refused (no SO_REUSEADDR), so it cannot take the
    /// first one's stream; the first keeps running.
    @Test func busyPortIsRefusedNamingTheAddress() throws {
        let port = CommandRunner.freeUDPPort()
        let first = try CommandRunner.startListening(["recv", "--listen", "127.0.0.1:\(port)", "--duration", "20s", "--interval", "0s"])
        let second = try CommandRunner.jitterbug(["recv", "--listen", "127.0.0.1:\(port)", "--duration", "2s"])
        #expect(second.exitCode == 1)
        #expect(second.stderr.contains("127.0.0.1:\(port) is already in use"), "\(second.stderr)")
        #expect(first.process.isRunning)
        first.interrupt()
        _ = try first.finish(timeoutSeconds: 10)
    }

    @Test func helpForEveryCommandAndNoneForUnknownOnes() throws {
        let lab = try CommandRunner.jitterbug(["lab", "--help"])
        #expect(lab.exitCode == 0, "\(lab.stderr)")
        #expect(lab.stdout.contains("USAGE: jitterbug lab"))
        let bogus = try CommandRunner.jitterbug(["help", "bogus"])
        #expect(bogus.exitCode == 2)
        #expect(bogus.stderr.contains("unknown subcommand 'bogus'"), "\(bogus.stderr)")
        #expect(try CommandRunner.jitterbug(["help", "send"]).exitCode == 0)
    }

    /// `stats` on JSON with no figures, or on files with no figure in common (a recv and a
    /// compare result), is an error instead of an empty table and exit 0.
    @Test func statsWithoutFiguresIsARuntimeError() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.json").path
        let recv = directory.appendingPathComponent("recv.json").path
        let compare = directory.appendingPathComponent("compare.json").path
        try Data("{}".utf8).write(to: URL(fileURLWithPath: empty))
        try Data(#"{"packets": 150, "lost_packets": 0}"#.utf8).write(to: URL(fileURLWithPath: recv))
        try Data(#"{"settings": {"duration_s": 5}, "on_time_packets": 140}"#.utf8).write(to: URL(fileURLWithPath: compare))
        let none = try CommandRunner.jitterbug(["stats", empty])
        #expect(none.exitCode == 1)
        #expect(none.stderr.contains("'empty.json' has no figures"), "\(none.stderr)")
        let mixed = try CommandRunner.jitterbug(["stats", recv, compare, "--csv", "-"])
        #expect(mixed.exitCode == 1)
        #expect(mixed.stderr.contains("no figure in common"), "\(mixed.stderr)")
        #expect(try CommandRunner.jitterbug(["stats", recv]).exitCode == 0)
    }

    @Test func missingInputFileIsARuntimeError() throws {
        let result = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:9", "--input", "/nonexistent/x.wav"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("/nonexistent/x.wav"))
    }

    /// A file libsndfile does not recognise (a truncated WAV, a text file) is not streamed as
    /// raw PCM noise: exit 2 naming it, unless `--input-format s16le` says it is raw PCM.
    @Test(arguments: ["RIFF....WAVEnot really", "meeting notes\n"])
    func unrecognisedInputIsAUsageErrorNotRawPCM(contents: String) throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.wav").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        let result = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:9", "--input", path])
        #expect(result.exitCode == 2, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("bad.wav"))
        #expect(result.stderr.contains("not an audio file"))
        #expect(!result.stdout.contains("sent"))
        let raw = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:9", "--input", path, "--input-format", "s16le"])
        #expect(raw.exitCode == 0, "\(raw.stderr)")
    }

    @Test func helpTeachesWithExamples() throws {
        for command in ["send", "recv", "demo"] {
            let result = try CommandRunner.jitterbug([command, "--help"])
            #expect(result.exitCode == 0)
            #expect(result.stdout.contains("Example"))
        }
    }
}

/// Network failures are sentences naming the address, never NIO's raw texts (issue #15:
/// "bind(descriptor:ptr:bytes:): Cannot assign requested address) (errno: 99)",
/// "connection reset (error set): Connection refused) (errno: 111)").
@Suite struct NetworkErrorTextTests {
    static let rawTexts = ["descriptor:", "error set", "(errno: ", "IOError", "ChannelError", "I/O on closed channel"]

    @Test func listenOnAnAddressThisHostDoesNotHave() throws {
        for arguments in [
            ["recv", "--listen", "192.0.2.99:5004", "--duration", "1s"],
            ["impair", "--listen", "192.0.2.99:6000", "--forward", "127.0.0.1:5004", "--impair", "loss=1%", "--duration", "1s"],
        ] {
            let result = try CommandRunner.jitterbug(arguments)
            #expect(result.exitCode == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("cannot listen on 192.0.2.99:"), "\(result.stderr)")
            #expect(result.stderr.contains("no interface of this host has that address"), "\(result.stderr)")
            #expect(!Self.rawTexts.contains { result.stderr.contains($0) }, "\(result.stderr)")
        }
    }

    @Test func tcpToAPortWhereNothingListens() throws {
        let port = CommandRunner.freeUDPPort()
        let result = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(port)", "--transport", "tcp", "--duration", "1s"])
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(result.stderr.contains("127.0.0.1:\(port) refused the connection"), "\(result.stderr)")
        #expect(!Self.rawTexts.contains { result.stderr.contains($0) }, "\(result.stderr)")
    }
}
