import Reports

/// Finds the inbound test streams that have finished in the receiver's periodic summaries, so
/// each test is reported once with its final figures. A stream has finished when its sender
/// said BYE at least `goodbyeGrace` ago (the receiver drains for 300 ms first), or when its
/// packet count has not moved for `idleAfter` (a sender that stopped without BYE).
///
/// Pure (time passed in) and bounded: it remembers only streams the latest summary lists, and
/// the receiver keeps a bounded list of ended streams.
package struct ProbeStreamTracker: Sendable {
    private struct Seen: Sendable {
        var packets: Int64
        var movedAt: Duration
        var goodbyeAt: Duration?
        /// First seen before `partialBefore`: it may have begun before the receiver listened.
        var partial = false
    }

    package let idleAfter: Duration
    package let goodbyeGrace: Duration
    /// Streams first seen before this time are finished silently: a test that began before the
    /// receiver listened is partial, and its first packets, queued meanwhile, look late.
    package let partialBefore: Duration
    private var seen: [String: Seen] = [:]
    private var reported: Set<String> = []

    package init(idleAfter: Duration = .seconds(3), goodbyeGrace: Duration = .seconds(1), partialBefore: Duration = .zero) {
        self.idleAfter = idleAfter
        self.goodbyeGrace = goodbyeGrace
        self.partialBefore = partialBefore
    }

    /// Streams it remembers (seen, or reported and still listed): at most those the latest
    /// summary listed.
    package var rememberedStreams: Int { seen.count + reported.count }

    /// The streams of `summary` that finished since the last call.
    package mutating func finished(in summary: ReceiverSummary, now: Duration) -> [ReceiverSummary] {
        let streams = summary.streams ?? (summary.stream == nil ? [] : [summary])
        var done: [ReceiverSummary] = []
        var present = Set<String>()
        for stream in streams {
            guard let name = stream.stream else { continue }
            present.insert(name)
            if reported.contains(name) { continue }
            var entry = seen[name] ?? Seen(packets: stream.packets, movedAt: now, partial: now < partialBefore)
            if stream.packets != entry.packets {
                entry.packets = stream.packets
                entry.movedAt = now
            }
            if stream.senderSaidGoodbye, entry.goodbyeAt == nil { entry.goodbyeAt = now }
            let saidGoodbye = entry.goodbyeAt.map { now - $0 >= goodbyeGrace } ?? false
            if saidGoodbye || now - entry.movedAt >= idleAfter {
                if !entry.partial { done.append(stream) }
                reported.insert(name)
                seen[name] = nil
            } else {
                seen[name] = entry
            }
        }
        // Forget what the receiver no longer lists: memory follows the receiver's own bound.
        seen = seen.filter { present.contains($0.key) }
        reported = reported.intersection(present)
        return done
    }
}
