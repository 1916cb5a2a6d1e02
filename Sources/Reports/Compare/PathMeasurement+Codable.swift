/// JSON field names are documented in docs/compare-json.md (snake_case, units in the name).
extension PathMeasurement: Codable {
    enum CodingKeys: String, CodingKey {
        case path, measurement
        case frameDurationMicroseconds = "frame_duration_us"
        case packetsSent = "packets_sent"
        case sendOffsetMicroseconds = "send_offset_us"
        case arrivalOffsetMicroseconds = "arrival_offset_us"
        case wireBytes = "wire_bytes"
        case payloadBytes = "payload_bytes"
        case retransmittedSegments = "retransmitted_segments"
        case deliversInOrder = "delivers_in_order"
        case oneWayDelayAssumption = "one_way_delay_assumption"
    }

    /// Decodes and validates like `init(path:…)`; `packets_sent` is written for readers and ignored here.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            path: try container.decode(String.self, forKey: .path),
            measurement: try container.decode(String.self, forKey: .measurement),
            frameDurationMicroseconds: try container.decode(Int64.self, forKey: .frameDurationMicroseconds),
            sendOffsetMicroseconds: try container.decode([Int64].self, forKey: .sendOffsetMicroseconds),
            arrivalOffsetMicroseconds: try container.decode([Int64?].self, forKey: .arrivalOffsetMicroseconds),
            wireBytes: try container.decode([Int].self, forKey: .wireBytes),
            payloadBytes: try container.decode([Int].self, forKey: .payloadBytes),
            retransmittedSegments: try container.decodeIfPresent(Int.self, forKey: .retransmittedSegments),
            deliversInOrder: try container.decodeIfPresent(Bool.self, forKey: .deliversInOrder),
            oneWayDelayAssumption: try container.decodeIfPresent(String.self, forKey: .oneWayDelayAssumption)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(measurement, forKey: .measurement)
        try container.encode(frameDurationMicroseconds, forKey: .frameDurationMicroseconds)
        try container.encode(packetsSent, forKey: .packetsSent)
        try container.encode(sendOffsetMicroseconds, forKey: .sendOffsetMicroseconds)
        // Explicit nulls keep the array aligned with the send offsets.
        var arrivals = container.nestedUnkeyedContainer(forKey: .arrivalOffsetMicroseconds)
        for arrival in arrivalOffsetMicroseconds {
            if let arrival { try arrivals.encode(arrival) } else { try arrivals.encodeNil() }
        }
        try container.encode(wireBytes, forKey: .wireBytes)
        try container.encode(payloadBytes, forKey: .payloadBytes)
        try container.encodeIfPresent(retransmittedSegments, forKey: .retransmittedSegments)
        try container.encode(deliversInOrder, forKey: .deliversInOrder)
        try container.encodeIfPresent(oneWayDelayAssumption, forKey: .oneWayDelayAssumption)
    }
}
