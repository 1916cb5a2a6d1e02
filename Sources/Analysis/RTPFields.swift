import RTP

/// The fields of one RTP packet the analysis uses, read from a captured payload.
struct RTPFields: Sendable {
    /// Largest RTP packet accepted from a capture (loopback and jumbo frames exceed 1500).
    static let limits = RTPParseLimits(maxPacketBytes: 65_535, allowsEmptyPayload: true)

    var marker: Bool
    var payloadType: UInt8
    var sequenceNumber: UInt16
    var timestamp: UInt32
    var ssrc: UInt32
    /// The payload's range in the captured slice's indices.
    var payloadRange: Range<Int>
    /// Jitterbug's send-time header extension (RFC 6051 ntp-64 element), ns since the Unix epoch.
    var sendTimeNanoseconds: Int64?

    /// Parses `bytes` as RTP (RFC 3550 §5.1 checks of `RTPPacketView`); nil if it is not.
    init?(_ bytes: ArraySlice<UInt8>) {
        let base = bytes.startIndex
        let parsed: RTPFields? = bytes.withUnsafeBytes { buffer in
            guard let view = try? RTPPacketView(validating: buffer, limits: Self.limits) else { return nil }
            var sendTime: Int64?
            if let data = view.extensionData(id: SendTimeExtension.defaultID), let ntp = NTPTimestamp(ntp64Data: data) {
                let (seconds, attoseconds) = ntp.sinceUnixEpoch.components
                sendTime = seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
            }
            return RTPFields(
                marker: view.marker, payloadType: view.payloadType, sequenceNumber: view.sequenceNumber,
                timestamp: view.timestamp, ssrc: view.ssrc,
                payloadRange: (base + view.payloadRange.lowerBound)..<(base + view.payloadRange.upperBound),
                sendTimeNanoseconds: sendTime)
        }
        guard let parsed else { return nil }
        self = parsed
    }

    private init(
        marker: Bool, payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32,
        payloadRange: Range<Int>, sendTimeNanoseconds: Int64?
    ) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.payloadRange = payloadRange
        self.sendTimeNanoseconds = sendTimeNanoseconds
    }
}
