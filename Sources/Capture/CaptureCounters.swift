/// Records a reader passed over, by reason: nothing is skipped silently. Property names turn
/// into snake_case keys with `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase`
/// (`truncatedRecords` → `truncated_records`).
public struct CaptureCounters: Sendable, Equatable, Codable {
    /// Records (frames) read from the file: pcap records, pcapng EPB/SPB/OPB blocks.
    public var records = 0
    /// UDP datagrams and RFC 4571 frames returned by `next()`.
    public var packets = 0
    /// UDP datagrams returned.
    public var udpDatagrams = 0
    /// RFC 4571 frames returned from reassembled TCP streams.
    public var tcpFrames = 0

    // File structure.
    /// A final record or block cut by the end of the file (0 or 1): reading ended there.
    public var truncatedRecords = 0
    /// pcapng section header blocks.
    public var sections = 0
    /// pcapng interface description blocks.
    public var interfaces = 0
    /// Simple packet blocks: no timestamp of their own, given the previous record's time.
    public var simplePacketBlocks = 0
    /// pcapng blocks skipped by type (name resolution, statistics, secrets, custom...).
    public var otherBlocks = 0
    /// pcapng blocks whose trailing length differs from the leading one (read by the leading one).
    public var badBlockTrailers = 0
    /// Packet blocks whose body is too short for their own fields, or interface blocks beyond
    /// the reader's limit (4,096 per file).
    public var malformedBlocks = 0
    /// Packet blocks naming an interface no IDB described.
    public var unknownInterface = 0

    // Link and network layers.
    /// Records on an interface whose link type this reader does not decode.
    public var unsupportedLinkType = 0
    /// Link-layer frames that are not IPv4/IPv6 (ARP, LLDP, 802.3 length frames...).
    public var nonIPFrames = 0
    /// Records too short for their link-layer header, or with an unknown BSD address family.
    public var malformedLinkHeaders = 0
    /// IPv4/IPv6 headers that are inconsistent (version, header or total length, extension chain).
    public var malformedIPHeaders = 0
    /// IP fragments (all of them, the first included): this reader does not reassemble IP.
    public var ipFragments = 0
    /// IP packets of other protocols (ICMP, IGMP, ESP, GRE, SCTP...).
    public var otherIPProtocols = 0
    /// UDP datagrams or TCP segments whose data the capture's snapshot length cut (caplen <
    /// origlen and the data incomplete). Skipped. A cut that leaves the payload whole is not counted.
    public var snaplenCut = 0
    /// UDP headers whose length field is below 8 or beyond the IP payload.
    public var badUDPLength = 0
    /// TCP headers with a data offset below 5 words or beyond the IP payload.
    public var malformedTCPHeaders = 0

    // TCP reassembly (RFC 4571 framing).
    /// TCP segments with payload passed to reassembly.
    public var tcpSegments = 0
    /// Segments whose bytes were all delivered already (retransmissions, duplicates). Dropped.
    public var tcpRetransmissions = 0
    /// Segments that overlapped delivered bytes: the old part was dropped, the new part kept.
    public var tcpOverlaps = 0
    /// Segments that arrived ahead of a missing one and were held until it came.
    public var tcpOutOfOrder = 0
    /// Times a direction's held segments exceeded their bound (256 KiB): the gap was given up.
    public var tcpHoldOverflows = 0
    /// Sequence gaps given up on (hold overflow, FIN/RST, end of file).
    public var tcpGaps = 0
    /// Bytes missing in those gaps.
    public var tcpGapBytes = 0
    /// Bytes dropped while resynchronising on a frame boundary (after a gap, mid-stream start,
    /// or a frame not starting with RTP/RTCP version 2), and partial frames left at a gap or at
    /// the end of a stream.
    public var tcpSkippedBytes = 0
    /// Frames that did not start with an RTP/RTCP version-2 byte (the stream then resynchronises).
    public var tcpFramingErrors = 0
    /// Zero-length RFC 4571 frames (skipped).
    public var tcpZeroLengthFrames = 0
    /// Directions that began with a SYN but whose first frame was not RTP/RTCP: ignored.
    public var tcpNonRTPStreams = 0
    /// Directions ended early (least recently used first) because more than 65,536 were open:
    /// their frames were delivered, their gaps given up.
    public var tcpFlowsEvicted = 0

    public init() {}
}
