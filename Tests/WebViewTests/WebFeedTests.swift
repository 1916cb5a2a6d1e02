import Foundation
import Reports
import Synchronization
import Testing
@testable import WebView

/// The FIFO feed that carries a receiver's figures into another process's view (`lab --web`):
/// what goes in comes out whole and in order, interval times moved onto the reader's clock by
/// when each was sent; a missing reader or a non-FIFO is refused by name.
@Suite struct WebFeedTests {
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("web-feed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    @Test func recordsAndSummariesArriveWholeInOrderOnTheReadersClock() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reader = try WebFeedReader(path: directory + "/feed")
        let received = Mutex<[String]>([])
        let ends = Mutex<[Double]>([])
        let many = (0..<300).map { SummaryFixtures.Stream(name: "192.0.2.\($0 % 250):5004 ssrc 0x\($0)", packets: Int64($0)) }
        // The reader's zero is 100 s before now: a record sent now ends near 100 s on its axis.
        reader.start(
            originUnixSeconds: Date().timeIntervalSince1970 - 100,
            interval: { record in
                received.withLock { $0.append("interval \(record.packets)") }
                ends.withLock { $0.append(record.endSeconds) }
            },
            summary: { summary in received.withLock { $0.append("summary \(summary.streams?.count ?? 1)") } })
        let writer = try WebFeedWriter(path: reader.path)
        for index in 1...3 {
            writer.publish(interval: SummaryFixtures.record(end: Double(index), packets: Int64(index)))
            writer.publish(summary: SummaryFixtures.summary(Array(many.prefix(index * 100))))
            Thread.sleep(forTimeInterval: 0.05)
        }
        writer.finish()
        reader.finish(waitingAtMost: 5)
        #expect(received.withLock { $0 } == [
            "interval 1", "summary 100", "interval 2", "summary 200", "interval 3", "summary 300",
        ])
        #expect(writer.dropped == 0 && reader.lines == 6)
        for end in ends.withLock({ $0 }) { #expect(abs(end - 100) < 2, "\(end)") }
        #expect(!FileManager.default.fileExists(atPath: reader.path), "the FIFO is removed")
    }

    @Test func aFeedWithoutAReaderOrNotAFIFOIsRefusedByName() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plain = directory + "/plain"
        FileManager.default.createFile(atPath: plain, contents: nil)
        #expect { try WebFeedWriter(path: plain) } throws: { "\($0)".contains("'\(plain)': expected a FIFO") }
        let lonely = directory + "/lonely"
        #expect(mkfifo(lonely, 0o600) == 0)
        #expect { try WebFeedWriter(path: lonely) } throws: { "\($0)".contains("nobody is reading it") }
    }
}
