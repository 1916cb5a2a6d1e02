import JitterbugSupport
import Synchronization
@testable import Pipelines
import Reports
import Testing

/// The interval lines' "playout" and "target" columns and the summary's "jitter buffer delay
/// playout / target" row are the same two figures (issue #15: the interval "buffer" column said
/// ~20 ms and the summary "target delay" 2 ms, with nothing saying what either was). The playout
/// figure is checked against the delay frames were actually delivered with, computed from the
/// arrival schedule and the times the frames were written.
@Suite struct PlayoutDelayNamingTests {
    final class Deliveries: Sendable {
        /// Tick time (ms) of each frame written, in order.
        let frameTimesMilliseconds = Mutex<[Int]>([])
        let now = Mutex(0)
    }

    @Test func summaryAndIntervalSayTheSameDelaysAndPlayoutIsWhatWasDelivered() throws {
        let deliveries = Deliveries()
        let core = AudioReceiverCore(configuration: AudioReceiverConfiguration()) { samples, _ in
            let at = deliveries.now.withLock { $0 }
            // One write per frame; time-scaling (#16) makes a frame shorter or longer than 960.
            deliveries.frameTimesMilliseconds.withLock { $0.append(at) }
        }
        // Packet j leaves at 20j ms and arrives 0…14 ms later; the fastest arrivals (offset 0)
        // recur every 15 packets, so "the fastest recent packet" is always at offset 0.
        let packets = try AudioReceiverCoreTests.packets(count: 150)
        let arrival = packets.indices.map { 20 * $0 + ($0 * 7) % 15 }
        var next = 0
        var lastRecord: IntervalRecord?
        for t in 0...(20 * 150) {
            while next < packets.count, arrival[next] <= t {
                try core.receive(
                    packets[next].serialized(), from: AudioReceiverCoreTests.source, arrival: .milliseconds(t),
                    wallClock: .zero)
                next += 1
            }
            deliveries.now.withLock { $0 = t }
            try core.tick(now: .milliseconds(t))
            if t == 2_900 { lastRecord = core.closeInterval(now: .milliseconds(t)) }
            if t == 2_900 { break }
        }
        let summary = core.summary
        let record = try #require(lastRecord)
        let playout = try #require(summary.playoutDelayMilliseconds)
        #expect(record.bufferMilliseconds == playout)
        #expect(record.targetDelayMilliseconds == summary.targetDelayMilliseconds)
        // Frame k's media time is 20k ms and the fastest packets arrive with offset 0, so a frame
        // written at T ms was delivered T − 20k ms after the fastest packet would have allowed.
        let times = deliveries.frameTimesMilliseconds.withLock { $0 }
        // Concealed frames (no loss here: a stretch while the buffer grows at start-up, #16)
        // are writes without a media frame of their own.
        let lastWrite = try #require(times.indices.last)
        let lastFrame = lastWrite - summary.framesConcealed
        let delivered = Double(times[lastWrite] - 20 * lastFrame)
        #expect(abs(delivered - playout) <= 1, "delivered \(delivered) ms, reported playout \(playout) ms; \(summary.framesDecoded) decoded, \(summary.framesConcealed) concealed, \(times.count) writes, \(summary.buffer.map { "\($0)" } ?? "")")
        // Whole-frame playout sits at or above the target, less than a frame above it.
        #expect(playout >= summary.targetDelayMilliseconds - 1)
        #expect(playout < summary.targetDelayMilliseconds + 20 + 1)
        let table = summary.table
        #expect(table.contains("jitter buffer delay playout / target"), "\(table)")
    }
}
