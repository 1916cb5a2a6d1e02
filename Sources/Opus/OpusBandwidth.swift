internal import COpus

/// Audio bandwidth signalled in an Opus TOC byte (RFC 6716 §2, Table 1).
public enum OpusBandwidth: Sendable, CaseIterable, Hashable {
    /// NB, 4 kHz audio bandwidth (8 kHz effective sample rate).
    case narrowband
    /// MB, 6 kHz (12 kHz).
    case mediumband
    /// WB, 8 kHz (16 kHz).
    case wideband
    /// SWB, 12 kHz (24 kHz).
    case superwideband
    /// FB, 20 kHz (48 kHz).
    case fullband

    /// Upper edge of the coded audio band in Hz.
    public var audioBandwidthHertz: Int {
        switch self {
        case .narrowband: 4_000
        case .mediumband: 6_000
        case .wideband: 8_000
        case .superwideband: 12_000
        case .fullband: 20_000
        }
    }

    /// Maps `OPUS_BANDWIDTH_*`; nil for anything else.
    init?(libopusValue: Int32) {
        switch libopusValue {
        case OPUS_BANDWIDTH_NARROWBAND: self = .narrowband
        case OPUS_BANDWIDTH_MEDIUMBAND: self = .mediumband
        case OPUS_BANDWIDTH_WIDEBAND: self = .wideband
        case OPUS_BANDWIDTH_SUPERWIDEBAND: self = .superwideband
        case OPUS_BANDWIDTH_FULLBAND: self = .fullband
        default: return nil
        }
    }
}
