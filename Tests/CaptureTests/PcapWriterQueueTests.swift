import Foundation
import JitterbugTestSupport
import Testing
@testable import Capture

/// ``PcapWriterQueue``: everything handed over is written or counted as dropped, in order, and
/// the file is complete once `close` returns.
@Suite struct PcapWriterQueueTests {
    static let source = PcapWriterEndpoint(ipv4: 0x7F00_0001, port: 40_000)
    static let destination = PcapWriterEndpoint(ipv4: 0x7F00_0001, port: 5_004)

    /// 20 000 datagrams from several threads at once: all written (the queue holds them), the
    /// file has each exactly once, per-thread order kept.
    @Test(.enabled(if: PcapWriterTshark.path != nil)) func concurrentProducersAllWritten() throws {
        try TemporaryDirectory.withSync { directory in
            let file = directory.appendingPathComponent("q.pcap").path
            let queue = try PcapWriterQueue(path: file)
            DispatchQueue.concurrentPerform(iterations: 4) { thread in
                for index in 0..<5_000 {
                    let payload: [UInt8] = [UInt8(thread), UInt8(index >> 8), UInt8(index & 0xFF)]
                    _ = payload.withUnsafeBytes {
                        queue.enqueueUDP(
                            timestampNanoseconds: Int64(index), source: Self.source, destination: Self.destination, payload: $0)
                    }
                }
            }
            let counters = queue.close()
            #expect(counters.packets + counters.dropped == 20_000)
            #expect(counters.dropped == 0)
            #expect(counters.bytes == Int64(counters.packets * 3))
            let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int
            #expect(size.map(Int64.init) == counters.fileBytes)
            #expect(counters.fileBytes == 24 + Int64(counters.packets) * (16 + 20 + 8 + 3))
            let rows = try PcapWriterTshark.fields(file, ["udp.payload"])
            #expect(rows.count == counters.packets)
            var next = [Int](repeating: 0, count: 4)
            for row in rows {
                let hex = row.first ?? ""
                guard hex.count == 6, let thread = Int(hex.prefix(2), radix: 16), let index = Int(hex.suffix(4), radix: 16),
                    thread < 4
                else {
                    Issue.record("bad payload \(hex)")
                    continue
                }
                #expect(index == next[thread])
                next[thread] = index + 1
            }
            // After close: refused and counted.
            let late = [UInt8](repeating: 1, count: 10).withUnsafeBytes {
                queue.enqueueUDP(timestampNanoseconds: 0, source: Self.source, destination: Self.destination, payload: $0)
            }
            #expect(!late)
            #expect(queue.close().dropped == counters.dropped + 1)
        }
    }

    /// A queue of 1 packet fed far faster than it drains: drops happen, every one is counted,
    /// and the file holds exactly the packets said to be written.
    @Test(.enabled(if: PcapWriterTshark.path != nil)) func overflowIsCounted() throws {
        try TemporaryDirectory.withSync { directory in
            let file = directory.appendingPathComponent("full.pcap").path
            let queue = try PcapWriterQueue(path: file, capacityPackets: 1)
            var accepted = 0
            let payload = [UInt8](repeating: 0xAB, count: 100)
            for _ in 0..<10_000 {
                let taken = payload.withUnsafeBytes {
                    queue.enqueueUDP(timestampNanoseconds: 1, source: Self.source, destination: Self.destination, payload: $0)
                }
                if taken { accepted += 1 }
            }
            let counters = queue.close()
            #expect(counters.dropped > 0)
            #expect(counters.packets == accepted)
            #expect(counters.packets + counters.dropped == 10_000)
            let rows = try PcapWriterTshark.fields(file, ["frame.number"])
            #expect(rows.count == counters.packets)
        }
    }
}
