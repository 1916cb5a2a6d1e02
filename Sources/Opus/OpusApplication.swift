internal import COpus

/// The libopus application mode, chosen once when the encoder is created (RFC 6716 §2.1).
///
/// The raw value is the spelling used on the command line (`voip`, `audio`, `lowdelay`).
public enum OpusApplication: String, Sendable, CaseIterable {
    /// Speech-tuned: favours SILK, enables voice enhancement, the usual choice for calls.
    case voip
    /// Music/general audio: favours fidelity to the input over intelligibility tweaks.
    case audio
    /// CELT only, lowest algorithmic delay (no SILK, so no LBRR/in-band FEC).
    case lowDelay = "lowdelay"

    /// The `OPUS_APPLICATION_*` constant passed to `opus_encoder_create`.
    var libopusValue: Int32 {
        switch self {
        case .voip: OPUS_APPLICATION_VOIP
        case .audio: OPUS_APPLICATION_AUDIO
        case .lowDelay: OPUS_APPLICATION_RESTRICTED_LOWDELAY
        }
    }
}
