import Testing
import Impairment

@Suite struct ImpairmentSchedulerTests {
    @Test func releasesDuePayloadsInTimeThenPushOrder() {
        var scheduler = ImpairmentScheduler<String>(capacity: 10)
        #expect(scheduler.nextDeadline == nil && scheduler.isEmpty)
        scheduler.push("c", deliverAt: .milliseconds(30))
        scheduler.push("a", deliverAt: .milliseconds(10))
        scheduler.push("b1", deliverAt: .milliseconds(20))
        scheduler.push("b2", deliverAt: .milliseconds(20))
        #expect(scheduler.nextDeadline == .milliseconds(10))
        #expect(scheduler.popDue(now: .milliseconds(5)) == [])
        #expect(scheduler.popDue(now: .milliseconds(20)) == ["a", "b1", "b2"])
        #expect(scheduler.nextDeadline == .milliseconds(30))
        #expect(scheduler.count == 1)
        #expect(scheduler.drainAll() == ["c"])
        #expect(scheduler.isEmpty)
    }

    @Test func capacityRefusesAndCounts() {
        var scheduler = ImpairmentScheduler<Int>(capacity: 2)
        let accepted = [1, 2, 3].map { scheduler.push($0, deliverAt: .zero) }
        #expect(accepted == [true, true, false])
        #expect(scheduler.count == 2)
        #expect(scheduler.droppedCount == 1)
        #expect(ImpairmentScheduler<Int>(capacity: 0).capacity == 1)
    }

    @Test func heapOrderMatchesStableSortForRandomPushes() {
        var generator = SeededGenerator(seed: 77)
        var scheduler = ImpairmentScheduler<Int>(capacity: 10_000)
        var expected: [(Duration, Int)] = []
        for i in 0..<5_000 {
            let time = Duration.milliseconds(generator.nextIndex(below: 500))
            scheduler.push(i, deliverAt: time)
            expected.append((time, i))
        }
        expected.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var released: [Int] = []
        var now = Duration.zero
        while let deadline = scheduler.nextDeadline {
            #expect(deadline >= now)
            now = deadline + .microseconds(700)
            released += scheduler.popDue(now: now)
        }
        #expect(released == expected.map(\.1))
    }

    @Test func engineAndSchedulerTogetherDeliverInTimeOrder() throws {
        var engine = ImpairmentEngine(spec: try ImpairmentSpec(parsing: "delay=40ms,jitter=20ms,duplicate=10%"), seedOverride: 3)
        var scheduler = ImpairmentScheduler<Int>(capacity: 1_000)
        var released: [(Duration, Int)] = []
        for i in 0..<2_000 {
            let now = Duration.milliseconds(i)
            for delivery in engine.process(sendTime: now, sizeBytes: 100).deliveries {
                scheduler.push(i, deliverAt: delivery.deliverAt)
            }
            released += scheduler.popDue(now: now).map { (now, $0) }
        }
        #expect(scheduler.droppedCount == 0)
        #expect(released.count > 1_900)
        #expect(zip(released, released.dropFirst()).allSatisfy { $0.0.0 <= $0.1.0 })
    }
}
