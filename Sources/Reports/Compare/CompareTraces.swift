import Foundation

/// Turns a sender trace (`send --trace`) and a receiver trace (`recv --trace`) of one run into
/// a ``PathMeasurement``: every packet sent, with its arrival time if it arrived.
package enum CompareTraces {
    package struct Sent {
        package var sequence: Int
        package var sendMicroseconds: Int64
        package var rtpBytes: Int
        package var payloadBytes: Int
    }

    /// `sequence,rtp_timestamp,send_unix_us,rtp_bytes,payload_bytes` lines.
    package static func readSent(_ path: String) throws -> [Sent] {
        try lines(path).compactMap { f in
            guard f.count >= 5, let s = Int(f[0]), let t = Int64(f[2]), let r = Int(f[3]), let p = Int(f[4]) else { return nil }
            return Sent(sequence: s, sendMicroseconds: t, rtpBytes: r, payloadBytes: p)
        }
    }

    /// `sequence,rtp_timestamp,arrival_unix_us,send_unix_us` lines: first arrival per sequence number.
    package static func readArrivals(_ path: String) throws -> [Int: Int64] {
        var arrivals: [Int: Int64] = [:]
        for f in try lines(path) where f.count >= 3 {
            guard let s = Int(f[0]), let a = Int64(f[2]) else { continue }
            if arrivals[s] == nil { arrivals[s] = a }
        }
        return arrivals
    }

    private static func lines(_ path: String) throws -> [[Substring]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CompareError.missingTrace(path: path)
        }
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }

    /// The measurement of one path. Sequence numbers are matched within the 16-bit space (runs
    /// are far shorter than a wrap); offsets are from the first send time.
    package static func measurement(
        path: String, label: String, sent: [Sent], arrivals: [Int: Int64], frameMicroseconds: Int64,
        perPacketOverheadBytes: Int, retransmittedSegments: Int?
    ) throws -> PathMeasurement {
        guard let origin = sent.first?.sendMicroseconds else {
            throw CompareError.nothingSent(path: path)
        }
        return try PathMeasurement(
            path: path, measurement: label, frameDurationMicroseconds: frameMicroseconds,
            sendOffsetMicroseconds: sent.map { $0.sendMicroseconds - origin },
            arrivalOffsetMicroseconds: sent.map { packet in arrivals[packet.sequence].map { $0 - origin } },
            wireBytes: sent.map { $0.rtpBytes + perPacketOverheadBytes },
            payloadBytes: sent.map(\.payloadBytes),
            retransmittedSegments: retransmittedSegments,
            oneWayDelayAssumption: "sender and receiver on one host: one clock, so one-way delay is exact")
    }
}
