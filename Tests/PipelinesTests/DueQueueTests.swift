import JitterbugSupport
@testable import Pipelines
import Testing

/// The receiver's due-time heap against a brute-force reference (a plain array of due times,
/// scanned in full) on random schedules from a seeded generator: the same slots come out due, in
/// due-time order, and the earliest due time always agrees.
@Suite struct DueQueueTests {
    @Test(arguments: [1 as UInt64, 2, 3, 42])
    func matchesABruteForceReferenceOnRandomSchedules(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let slotCount = 300
        var queue = DueQueue()
        var reference = [Int64](repeating: .max, count: slotCount)
        var now: Int64 = 0
        for _ in 0..<5_000 {
            let action = Int.random(in: 0..<10, using: &random)
            if action < 6 {
                // (Re)schedule a slot at now + 0...50 ms, or unschedule it.
                let slot = Int.random(in: 0..<slotCount, using: &random)
                let due = Int.random(in: 0..<8, using: &random) == 0 ? Int64.max : now + Int64.random(in: 0...50_000_000, using: &random)
                queue.schedule(slot, at: due)
                reference[slot] = due
            } else {
                // A tick: time advances, every due slot comes out, earliest first.
                now += Int64.random(in: 0...5_000_000, using: &random)
                var popped: [Int] = []
                var lastDue = Int64.min
                while let slot = queue.popDue(atOrBefore: now) {
                    #expect(reference[slot] >= lastDue, "popped out of order")
                    lastDue = reference[slot]
                    popped.append(slot)
                }
                let expected = reference.indices.filter { reference[$0] <= now }
                #expect(popped.sorted() == expected)
                for slot in expected { reference[slot] = .max }
            }
            let earliest = reference.min().flatMap { $0 == .max ? nil : $0 }
            #expect(queue.earliest == earliest)
            #expect(queue.count == reference.filter { $0 != .max }.count)
        }
    }

    @Test func unschedulingAndReschedulingKeepOneEntryPerSlot() {
        var queue = DueQueue()
        queue.schedule(3, at: 30)
        queue.schedule(1, at: 10)
        queue.schedule(3, at: 5)
        queue.schedule(2, at: .max)
        #expect(queue.count == 2)
        #expect(queue.due(of: 3) == 5)
        #expect(queue.due(of: 2) == nil)
        queue.schedule(3, at: .max)
        #expect(queue.count == 1)
        #expect(queue.popDue(atOrBefore: 9) == nil)
        #expect(queue.popDue(atOrBefore: 10) == 1)
        #expect(queue.earliest == nil)
        // Bad slot numbers are ignored, not a crash.
        queue.schedule(-1, at: 0)
        #expect(queue.count == 0)
    }
}
