/// The coding mode signalled by a TOC byte's configuration number (RFC 6716 §3.1, Table 2).
public enum OpusMode: Sendable, CaseIterable, Hashable {
    /// Configurations 0...11: SILK (speech, NB/MB/WB, 10-60 ms). Can carry LBRR (in-band FEC).
    case silk
    /// Configurations 12...15: SILK + CELT (SWB/FB, 10/20 ms). Can carry LBRR.
    case hybrid
    /// Configurations 16...31: CELT (2.5-20 ms). Never carries LBRR.
    case celt

    /// Mode of a TOC byte (every byte value is a legal TOC).
    public init(tocByte: UInt8) {
        switch tocByte >> 3 {
        case 0...11: self = .silk
        case 12...15: self = .hybrid
        default: self = .celt
        }
    }
}
