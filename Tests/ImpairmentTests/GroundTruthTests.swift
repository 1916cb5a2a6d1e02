import Foundation
import Testing
import Impairment

@Suite struct GroundTruthTests {
    private func log(_ spec: String, seed: UInt64, direction: ImpairmentDirection = .up) throws -> String {
        var log = GroundTruthLog()
        for decision in try runEngine(spec, seed: seed, count: 5_000, sizeBytes: 120, direction: direction) {
            log.append(decision)
        }
        return log.renderJSONLines()
    }

    static let busySpec = "loss=ge:3%/2,delay=40ms,jitter=10ms,dist=normal,duplicate=2%,corrupt=2%,reorder=1%,rate=2mbit,blackhole=2s+100ms"

    @Test func sameSeedGivesByteIdenticalLog() throws {
        #expect(try log(Self.busySpec, seed: 42) == log(Self.busySpec, seed: 42))
    }

    @Test func differentSeedsOrDirectionsDiffer() throws {
        let base = try log(Self.busySpec, seed: 42)
        #expect(try log(Self.busySpec, seed: 43) != base)
        #expect(try log(Self.busySpec, seed: 42, direction: .down) != base)
    }

    @Test func specSeedIsUsedUnlessOverridden() throws {
        let spec = try ImpairmentSpec(parsing: "loss=50%,seed=7")
        #expect(ImpairmentEngine(spec: spec).seed == 7)
        #expect(ImpairmentEngine(spec: spec, seedOverride: 8).seed == 8)
        #expect(ImpairmentEngine(spec: ImpairmentSpec()).seed == 0)
        var a = ImpairmentEngine(spec: spec)
        var b = ImpairmentEngine(direction: spec.up, seed: 7)
        for i in 0..<1_000 {
            #expect(a.process(sendTime: .milliseconds(i), sizeBytes: 1) == b.process(sendTime: .milliseconds(i), sizeBytes: 1))
        }
    }

    @Test func linesHaveFixedKeyOrderAndIntegers() {
        let delivered = ImpairmentDecision(
            packetIndex: 3, sendTime: .microseconds(60_000), sizeBytes: 160,
            deliveries: [
                ImpairmentDelivery(deliverAt: .nanoseconds(100_123_999)),
                ImpairmentDelivery(deliverAt: .microseconds(90_000), corruption: BitCorruption(byteIndex: 17, bitMask: 8)),
            ],
            dropReason: nil)
        #expect(GroundTruthLog.line(for: delivered.groundTruth)
            == #"{"index":3,"send_us":60000,"size_bytes":160,"fate":"delivered","reason":null,"delay_us":[40123,30000],"duplicated":true,"corrupted":true,"corruption":[{"copy":1,"byte":17,"mask":8}]}"#)
        let dropped = ImpairmentDecision(packetIndex: 4, sendTime: .seconds(1), sizeBytes: 10, deliveries: [], dropReason: .burst)
        var log = GroundTruthLog()
        log.append(dropped)
        #expect(log.renderJSONLines()
            == #"{"index":4,"send_us":1000000,"size_bytes":10,"fate":"dropped","reason":"burst","delay_us":[],"duplicated":false,"corrupted":false,"corruption":[]}"# + "\n")
    }

    @Test func linesDecodeBackToRecords() throws {
        var log = GroundTruthLog()
        for decision in try runEngine(Self.busySpec, seed: 5, count: 3_000, sizeBytes: 120) { log.append(decision) }
        let lines = log.renderJSONLines().split(separator: "\n")
        #expect(lines.count == 3_000)
        let decoder = JSONDecoder()
        for (line, record) in zip(lines, log.records) {
            #expect(try decoder.decode(GroundTruthRecord.self, from: Data(line.utf8)) == record)
        }
        let reasons = Set(log.records.compactMap(\.reason))
        #expect(reasons == [.burst, .blackhole], "rate 2 Mbit/s carries 120 B per ms without queue drops")
        #expect(log.records.contains(where: \.duplicated) && log.records.contains(where: \.corrupted))
    }
}
