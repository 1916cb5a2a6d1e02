import Foundation
import JitterbugTestSupport
import Testing

/// A capture's RTP packets as tshark decodes them, and what an independent reader computes from
/// them: the reference our receiver's and `analyze`'s figures are checked against.
struct TsharkRTPFields {
    /// Capture time (s since the epoch), sequence number, RTP timestamp, in capture order.
    var packets: [(time: Double, sequence: Int, timestamp: UInt32)]

    /// Reads `capture` with `udp.port==PORT` decoded as RTP (tshark does not find RTP on a
    /// dynamic port by itself). `display` narrows it further (e.g. `rtp.ssrc==0x…`).
    init(tshark: String, capture: String, port: Int, display: String = "rtp") throws {
        let fields = try CommandRunner.run(
            tshark,
            ["-r", capture, "-d", "udp.port==\(port),rtp", "-Y", display, "-T", "fields",
             "-e", "frame.time_epoch", "-e", "rtp.seq", "-e", "rtp.timestamp"])
        #expect(fields.exitCode == 0, "\(fields.stderr)")
        packets = fields.stdout.split(separator: "\n").compactMap { line in
            let f = line.split(separator: "\t")
            guard f.count == 3, let t = Double(f[0]), let s = Int(f[1]), let ts = UInt32(f[2]) else { return nil }
            return (t, s, ts)
        }
    }

    /// RFC 3550 A.8 interarrival jitter in ms at `clockRateHertz`, over the packets in capture
    /// order (as a receiver sees them).
    func jitterMilliseconds(clockRateHertz: Double = 48_000) -> Double {
        var jitter = 0.0
        var previousTransit: Double?
        for (time, _, timestamp) in packets {
            let transit = time * clockRateHertz - Double(timestamp)
            if let previousTransit {
                jitter += (abs(transit - previousTransit) - jitter) / 16
            }
            previousTransit = transit
        }
        return jitter / clockRateHertz * 1_000
    }
}
