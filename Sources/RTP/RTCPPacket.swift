/// One packet of an RTCP compound datagram.
public enum RTCPPacket: Sendable, Hashable {
    case senderReport(SenderReport)
    case receiverReport(ReceiverReport)
    case sourceDescription(SourceDescription)
    case goodbye(Goodbye)
    case extendedReport(ExtendedReport)
    /// Any other packet type (APP, RTPFB, PSFB, ...). `bytes` is the whole packet as received,
    /// header included, and is re-emitted verbatim by ``RTCPCompound/serialize(_:)``.
    case unknown(packetType: UInt8, bytes: [UInt8])

    /// The RTCP packet type (200 SR, 201 RR, 202 SDES, 203 BYE, 207 XR, ...).
    public var packetType: UInt8 {
        switch self {
        case .senderReport: SenderReport.packetType
        case .receiverReport: ReceiverReport.packetType
        case .sourceDescription: SourceDescription.packetType
        case .goodbye: Goodbye.packetType
        case .extendedReport: ExtendedReport.packetType
        case .unknown(let packetType, _): packetType
        }
    }

    func serialize(into out: inout [UInt8]) {
        switch self {
        case .senderReport(let report): report.serialize(into: &out)
        case .receiverReport(let report): report.serialize(into: &out)
        case .sourceDescription(let sdes): sdes.serialize(into: &out)
        case .goodbye(let bye): bye.serialize(into: &out)
        case .extendedReport(let xr): xr.serialize(into: &out)
        case .unknown(_, let bytes): out.append(contentsOf: bytes)
        }
    }
}
