import Probe
import Testing
import Transport

/// The staggered schedule, driven with explicit times (no sleeping).
@Suite struct ProbeScheduleTests {
    static func peers(_ names: [String]) -> [ProbePeer] {
        names.enumerated().map { index, name in
            ProbePeer(name: name, address: EndpointAddress(host: "192.0.2.\(index + 1)", port: 5004))
        }
    }

    /// Runs the schedule from 0 to `end` waking exactly when it asks, with `peersAt` giving the
    /// list at each wake; returns (time, peer) of every test started.
    static func starts(
        every: Duration, until end: Duration, peersAt: (Duration) -> [ProbePeer]
    ) -> [(Duration, String)] {
        var schedule = ProbeSchedule(every: every)
        var now = Duration.zero
        var started: [(Duration, String)] = []
        while now <= end {
            let step = schedule.advance(now: now, peers: peersAt(now))
            started += step.due.map { (now, $0.name) }
            #expect(step.wake > now)
            now = step.wake
        }
        return started
    }

    @Test func testsAreStaggeredEvenlyWithinEachPeriod() {
        let peers = Self.peers(["a", "b", "c", "d"])
        let started = Self.starts(every: .seconds(60), until: .seconds(150)) { _ in peers }
        let expected: [(Duration, String)] = [
            (.zero, "a"), (.seconds(15), "b"), (.seconds(30), "c"), (.seconds(45), "d"),
            (.seconds(60), "a"), (.seconds(75), "b"), (.seconds(90), "c"), (.seconds(105), "d"),
            (.seconds(120), "a"), (.seconds(135), "b"), (.seconds(150), "c"),
        ]
        #expect(started.map(\.0) == expected.map(\.0))
        #expect(started.map(\.1) == expected.map(\.1))
    }

    @Test func offsetsAreKTimesEveryOverN() {
        let schedule = ProbeSchedule(every: .seconds(60))
        #expect(schedule.offset(ofTest: 0, of: 200) == .zero)
        #expect(schedule.offset(ofTest: 1, of: 200) == .milliseconds(300))
        #expect(schedule.offset(ofTest: 199, of: 200) == .milliseconds(59_700))
        #expect(schedule.offset(ofTest: 0, of: 0) == .zero)
    }

    /// A late wake (a busy host) starts what is due, in order, without skipping a peer.
    @Test func aLateWakeStartsEverythingDueInOrder() {
        var schedule = ProbeSchedule(every: .seconds(10))
        let peers = Self.peers(["a", "b", "c", "d", "e"])
        #expect(schedule.advance(now: .zero, peers: peers).due.map(\.name) == ["a"])
        let step = schedule.advance(now: .milliseconds(6_500), peers: peers)
        #expect(step.due.map(\.name) == ["b", "c", "d"])
        #expect(step.wake == .seconds(8))
    }

    /// A host stalled for several periods skips the missed ones instead of starting all their tests.
    @Test func missedPeriodsAreSkipped() {
        var schedule = ProbeSchedule(every: .seconds(10))
        let peers = Self.peers(["a", "b"])
        _ = schedule.advance(now: .zero, peers: peers)
        let step = schedule.advance(now: .seconds(35), peers: peers)
        // The rest of period 0 ("b" at 5 s) is due; periods 1 and 2 are skipped; period 3
        // started at 30 s ("a") and its "b" is due at 35 s.
        #expect(step.due.map(\.name) == ["b", "a", "b"])
        #expect(schedule.period == 3)
        #expect(step.wake == .seconds(40))
    }

    /// A reloaded list applies from the next period; a peer removed meanwhile is not tested,
    /// a changed address is used at once.
    @Test func reloadAppliesFromTheNextPeriod() {
        let before = Self.peers(["a", "b", "c"])
        var after = Self.peers(["a", "x"])
        after[0].address = EndpointAddress(host: "198.51.100.9", port: 6000)
        var schedule = ProbeSchedule(every: .seconds(30))
        #expect(schedule.advance(now: .zero, peers: before).due.map(\.name) == ["a"])
        // Reloaded at 5 s: "b" (10 s) and "c" (20 s) were planned; "b" and "c" are gone.
        let rest = schedule.advance(now: .seconds(25), peers: after)
        #expect(rest.due.isEmpty)
        #expect(rest.wake == .seconds(30))
        let next = schedule.advance(now: .seconds(30), peers: after)
        #expect(next.due.map(\.name) == ["a"])
        #expect(next.due.first?.address.port == 6000)
        #expect(next.wake == .seconds(45))
        #expect(schedule.advance(now: .seconds(45), peers: after).due.map(\.name) == ["x"])
    }

    @Test func noPeersWakesEachPeriod() {
        var schedule = ProbeSchedule(every: .seconds(60))
        let step = schedule.advance(now: .seconds(1), peers: [])
        #expect(step.due.isEmpty)
        #expect(step.wake == .seconds(60))
    }
}
