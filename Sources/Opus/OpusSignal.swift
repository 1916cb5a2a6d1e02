internal import COpus

/// A hint to the encoder about the content (`OPUS_SET_SIGNAL`); `.auto` lets libopus detect it.
public enum OpusSignal: String, Sendable, CaseIterable {
    case auto
    case voice
    case music

    /// The `OPUS_AUTO` / `OPUS_SIGNAL_*` constant.
    var libopusValue: Int32 {
        switch self {
        case .auto: OPUS_AUTO
        case .voice: OPUS_SIGNAL_VOICE
        case .music: OPUS_SIGNAL_MUSIC
        }
    }
}
