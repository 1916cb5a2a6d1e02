import ArgumentParser
import Foundation
import SRTP

/// `--srtp`, `--key-file`, `--srtp-suite`, `--replay-window` for `send` and `recv`.
/// The key (base64 key + salt, as in RFC 4568 `inline:`) comes from `--key-file FILE` or the
/// environment variable `JITTERBUG_SRTP_KEY`; `jitterbug keygen` makes one.
struct SRTPOptions: ParsableArguments {
    @Flag(help: "Protect RTP and RTCP with SRTP (RFC 3711); the key comes from --key-file or JITTERBUG_SRTP_KEY.")
    var srtp = false

    @Option(help: ArgumentHelp("File holding the base64 SRTP master key and salt (from jitterbug keygen).", valueName: "file"))
    var keyFile: String?

    @Option(help: ArgumentHelp("SRTP suite: AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32 or AEAD_AES_128_GCM.", valueName: "suite"))
    var srtpSuite: SRTPSuite = .aesCM128HMACSHA1_80

    @Option(help: ArgumentHelp("SRTP replay window in packets, 64 to 32767.", valueName: "n"))
    var replayWindow: Int = SRTPSession.defaultReplayWindowPackets

    static let environmentKey = "JITTERBUG_SRTP_KEY"

    var enabled: Bool { srtp || keyFile != nil }

    func validate() throws {
        guard enabled else { return }
        guard SRTPSession.replayWindowPacketsRange.contains(replayWindow) else {
            throw ValidationError("invalid --replay-window '\(replayWindow)': expected 64 to 32767")
        }
        _ = try key()
    }

    /// The key material, or a usage error that says what is wrong with it.
    func key() throws -> SRTPKeyMaterial {
        let text: String
        let origin: String
        if let keyFile {
            guard let contents = try? String(contentsOfFile: keyFile, encoding: .utf8) else {
                throw ValidationError("cannot read --key-file '\(keyFile)'")
            }
            text = contents
            origin = "--key-file '\(keyFile)'"
        } else if let value = ProcessInfo.processInfo.environment[Self.environmentKey] {
            text = value
            origin = Self.environmentKey
        } else {
            throw ValidationError("--srtp needs a key: --key-file FILE or the environment variable \(Self.environmentKey) (make one with: jitterbug keygen)")
        }
        do {
            return try SRTPKeyMaterial(base64: text.trimmingCharacters(in: .whitespacesAndNewlines), suite: srtpSuite)
        } catch {
            throw ValidationError("invalid SRTP key in \(origin): \(error)")
        }
    }

    /// A session for `role`, or nil without --srtp.
    func session(role: SRTPSession.Role) throws -> SRTPSession? {
        guard enabled else { return nil }
        do {
            return try SRTPSession(role: role, key: try key(), replayWindowPackets: replayWindow)
        } catch let error as SRTPError {
            throw RuntimeError("cannot set up SRTP: \(error)")
        }
    }
}
