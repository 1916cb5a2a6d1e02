import JitterbugSupport
import Opus
import ArgumentParser
import Media

/// Opus encoder options shared by `send` and `demo`.
struct EncodingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Opus frame duration: 2.5ms, 5ms, 10ms, 20ms, 40ms or 60ms.", valueName: "interval"),
            transform: Interval.argument)
    var frame: Interval = Interval(.milliseconds(20))

    @Option(help: ArgumentHelp("Opus target bit rate, 6k to 510k.", valueName: "rate"), transform: Bitrate.argument)
    var bitrate: Bitrate = Bitrate(bitsPerSecond: 32_000)

    @Option(help: ArgumentHelp("Channels to encode, 1 or 2 (also the raw stdin format).", valueName: "n"))
    var channels: Int = 1

    @Option(help: ArgumentHelp("Sample rate of generated signals and raw stdin: 8000, 12000, 16000, 24000 or 48000 Hz.", valueName: "hz"))
    var sampleRate: Int = 48_000

    @Option(help: ArgumentHelp("Opus application: voip, audio or lowdelay.", valueName: "mode"))
    var application: String = "audio"

    @Option(help: ArgumentHelp("Opus encoder complexity, 0 (fastest) to 10 (best).", valueName: "n"))
    var complexity: Int = 9

    @Flag(help: "Add Opus in-band FEC so a receiver can rebuild a lost frame from the next packet.")
    var fec = false

    @Option(help: ArgumentHelp("Loss the FEC should be tuned for, in percent (with --fec).", valueName: "percent"))
    var expectedLoss: Int = 10

    @Flag(help: "Enable Opus DTX: near-silent frames are not sent.")
    var dtx = false

    var format: AudioFormat { AudioFormat(sampleRate: sampleRate, channels: channels) }

    func validate() throws {
        guard OpusFrameDuration(milliseconds: frame.milliseconds) != nil else {
            throw ValidationError("invalid --frame '\(frame)': Opus frames are 2.5ms, 5ms, 10ms, 20ms, 40ms or 60ms")
        }
        guard OpusApplication(rawValue: application) != nil else {
            throw ValidationError("invalid --application '\(application)': expected voip, audio or lowdelay")
        }
        do {
            try encoderConfiguration(inputFormat: format).validate()
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The encoder configuration for audio in `inputFormat` (a file's own format, or `format`).
    func encoderConfiguration(inputFormat: AudioFormat) throws -> OpusEncoderConfiguration {
        let configuration = OpusEncoderConfiguration(
            sampleRate: inputFormat.sampleRate,
            channels: inputFormat.channels,
            frameDuration: OpusFrameDuration(milliseconds: frame.milliseconds) ?? .ms20,
            bitrate: bitrate.bitsPerSecond,
            complexity: complexity,
            application: OpusApplication(rawValue: application) ?? .audio,
            inbandFEC: fec,
            expectedLossPercent: fec ? expectedLoss : 0,
            dtx: dtx)
        do {
            try configuration.validate()
        } catch {
            throw RuntimeError("\(error)")
        }
        return configuration
    }
}
