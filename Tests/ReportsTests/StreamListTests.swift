import Testing
@testable import Reports

/// The text summary lists every stream (issue #15: it showed only the first of 25).
@Suite struct StreamListTests {
    static func stream(_ index: Int, lost: Int64, expected: Int64 = 100) -> ReceiverSummary {
        var s = ReceiverSummary()
        s.stream = "127.0.0.1:4000 ssrc \(index)"
        s.expectedPackets = expected
        s.lostPackets = lost
        s.packets = expected - lost
        s.lostPercent = Double(lost) / Double(expected) * 100
        s.streamCount = 1
        return s
    }

    static func summary(of streams: [ReceiverSummary]) -> ReceiverSummary {
        var s = streams[0]
        s.streamCount = streams.count
        s.streams = streams
        return s
    }

    @Test func oneStreamHasNoList() {
        #expect(Self.stream(1, lost: 0).streamList == nil)
    }

    @Test func upToTwentyStreamsEachHasALineAndTheAggregateAddsUp() throws {
        let streams = (1...3).map { Self.stream($0, lost: Int64($0)) }
        let list = try #require(Self.summary(of: streams).streamList)
        let lines = list.split(separator: "\n").map(String.init)
        #expect(lines.first == "3 streams:")
        for index in 1...3 { #expect(lines.contains { $0.hasPrefix("127.0.0.1:4000 ssrc \(index) ") }) }
        let all = try #require(lines.last)
        #expect(all.hasPrefix("all 3"))
        #expect(all.contains("6/300"), "1 + 2 + 3 lost of 3 × 100: \(all)")
        #expect(all.contains("2.00"))
    }

    @Test func pastTwentyTheWorstTwentyByLossAndAnAggregateOverAll() throws {
        // Stream i loses i % 30 packets: the 20 worst are those losing 10...29.
        let streams = (0..<30).map { Self.stream($0, lost: Int64($0)) }
        let list = try #require(Self.summary(of: streams).streamList)
        let lines = list.split(separator: "\n").map(String.init)
        #expect(lines.first == "30 streams, the 20 with the most loss:")
        let rows = lines.dropFirst(2).dropLast()
        #expect(rows.count == 20)
        #expect(rows.first?.hasPrefix("127.0.0.1:4000 ssrc 29 ") == true)
        #expect(rows.last?.hasPrefix("127.0.0.1:4000 ssrc 10 ") == true)
        #expect(!rows.contains { $0.hasPrefix("127.0.0.1:4000 ssrc 9 ") })
        // 0 + 1 + … + 29 = 435 lost of 3000 expected, over all 30 streams.
        #expect(lines.last?.contains("435/3000") == true)
    }
}
