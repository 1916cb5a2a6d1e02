/// Receiver side of a telemetry stream: decodes payloads, remembers schemas, detects gaps and
/// counts every rejected datagram by reason.
///
/// Drop reasons are the ``TelemetryPayloadError/reason`` labels plus `late` and `duplicate`.
/// Pure: arrival times are passed in (µs since the Unix epoch).
public struct TelemetryDepacketizer: Sendable {
    public private(set) var registry: TelemetrySchemaRegistry
    public private(set) var sequence = TelemetrySequenceTracker()
    /// Datagrams dropped, keyed by snake_case reason.
    public private(set) var droppedByReason: [String: Int] = [:]
    /// Frames decoded and emitted.
    public private(set) var framesAccepted = 0
    /// Samples emitted.
    public private(set) var samplesAccepted = 0
    /// Missing packets reported in gaps.
    public private(set) var packetsMissing: Int64 = 0
    /// Sender restarts detected from sequence jumps.
    public private(set) var restarts = 0

    private var lastCaptureMicroseconds: Int64?

    public init(registryCapacity: Int = TelemetrySchemaRegistry.defaultCapacity) {
        registry = TelemetrySchemaRegistry(capacity: registryCapacity)
    }

    /// Total datagrams dropped.
    public var droppedTotal: Int { droppedByReason.values.reduce(0, +) }

    /// Handles one RTP payload; returns the gap (if any) followed by one record per sample.
    /// A payload that cannot be decoded is counted and does not advance the sequence, so its
    /// samples become part of the next gap.
    public mutating func receive(
        payload: [UInt8], sequenceNumber: UInt16, arrivalMicroseconds: Int64
    ) -> [TelemetryRecord] {
        var candidateRegistry = registry
        let frame: TelemetryFrame
        do {
            frame = try TelemetryPayloadCodec.decode(payload, registry: &candidateRegistry)
        } catch {
            droppedByReason[error.reason, default: 0] += 1
            return []
        }
        var records: [TelemetryRecord] = []
        let extended: Int64
        switch sequence.accept(sequenceNumber) {
        case .inOrder(let value):
            extended = value
        case .afterGap(let value, let missing):
            extended = value
            let from = lastCaptureMicroseconds ?? frame.samples.first?.captureMicroseconds ?? 0
            let to = frame.samples.first?.captureMicroseconds ?? from
            let gap = TelemetryGap(
                firstSequenceNumber: missing.lowerBound, lastSequenceNumber: missing.upperBound,
                fromMicroseconds: from, toMicroseconds: to)
            packetsMissing += gap.count
            records.append(.gap(gap))
        case .restarted(let value):
            extended = value
            restarts += 1
        case .late:
            // A late announcement is still a valid announcement: keep what it taught.
            registry = candidateRegistry
            droppedByReason["late", default: 0] += 1
            return []
        case .duplicate:
            droppedByReason["duplicate", default: 0] += 1
            return []
        }
        registry = candidateRegistry
        framesAccepted += 1
        samplesAccepted += frame.samples.count
        for (index, sample) in frame.samples.enumerated() {
            records.append(.sample(TelemetrySampleRecord(
                sequenceNumber: extended, index: index, schema: frame.schema, sample: sample,
                arrivalMicroseconds: arrivalMicroseconds)))
        }
        if let last = frame.samples.last { lastCaptureMicroseconds = last.captureMicroseconds }
        return records
    }
}
