import ArgumentParser
import SRTP

/// `jitterbug keygen`: a fresh SRTP master key and salt, base64, for `--key-file` or
/// `JITTERBUG_SRTP_KEY`.
struct KeygenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Print a fresh SRTP master key and salt (base64) for --key-file or JITTERBUG_SRTP_KEY.",
        discussion: """
            Examples:
              jitterbug keygen > srtp.key && chmod 600 srtp.key
              export JITTERBUG_SRTP_KEY=$(jitterbug keygen --suite AEAD_AES_128_GCM)
            Anyone with the key can listen in and inject: keep it like a password.
            """
    )

    @Option(help: ArgumentHelp("SRTP suite: AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32 or AEAD_AES_128_GCM.", valueName: "suite"))
    var suite: String = SRTPSuite.aesCM128HMACSHA1_80.rawValue

    func validate() throws {
        guard SRTPSuite(rawValue: suite) != nil else {
            throw ValidationError("invalid --suite '\(suite)': expected \(SRTPSuite.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        var random = SystemRandom()
        print(SRTPKeyMaterial.generate(suite: SRTPSuite(rawValue: suite) ?? .aesCM128HMACSHA1_80, using: &random).base64)
    }
}
