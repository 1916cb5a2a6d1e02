import JitterbugSupport
import Reports
import Synchronization

/// What the web view knows of a running receiver: a row per stream, a bounded history ring per
/// stream, the last interval record, and the relay's counts. Fed once per interval with the
/// snapshots the receiver already makes (``publish(interval:)``, ``publish(summary:)``), never
/// per packet; read by the HTTP handlers. Every collection is bounded.
package final class LiveStreams: Sendable {
    /// Points kept per stream: 5 minutes of intervals, at most ``maximumPointsPerStream``.
    package let pointsPerStream: Int
    /// Streams that get a history ring; the rest have a table row only. The rings hold at most
    /// ``historyPointBudget`` points in all (about 150 bytes each, so about 30 MB).
    package let historyStreamLimit: Int
    /// Rows kept (active and ended); the oldest ended rows go first beyond it.
    package let rowLimit: Int
    /// A stream silent this long has ended (the receiver's `--stream-idle`), seconds.
    package let streamIdleSeconds: Double
    /// The interval the receiver closes records at, seconds.
    package let intervalSeconds: Double

    /// The history window, seconds.
    package static let historySeconds = 300.0
    package static let maximumPointsPerStream = 3_000
    package static let historyPointBudget = 200_000
    package static let defaultRowLimit = 100_000

    let state: Mutex<State>

    struct State: Sendable {
        var byName: [String: Int] = [:]
        var streams: [Int: TrackedStream] = [:]
        var nextID = 1
        var ringsInUse = 0
        var pendingInterval: IntervalRecord?
        var pendingClosedUnixMilliseconds: Double?
        /// When the last applied interval closed, ms since 1970 (host clock).
        var lastClosedUnixMilliseconds: Double?
        var lastInterval: IntervalRecord?
        var lastEndSeconds = 0.0
        var intervals = 0
        var relay: [RelayCount] = []
        var markers: [ImpairmentMarker] = []
    }

    /// - Parameters:
    ///   - intervalSeconds: how often the receiver publishes (its `--interval`), > 0.
    ///   - streamIdleSeconds: the receiver's stream idle time.
    package init(intervalSeconds: Double, streamIdleSeconds: Double = 10, rowLimit: Int = defaultRowLimit) {
        let interval = intervalSeconds > 0 && intervalSeconds.isFinite ? intervalSeconds : 1
        self.intervalSeconds = interval
        pointsPerStream = min(Self.maximumPointsPerStream, max(1, Int((Self.historySeconds / interval).rounded(.up))))
        historyStreamLimit = max(1, Self.historyPointBudget / pointsPerStream)
        self.rowLimit = max(1, rowLimit)
        self.streamIdleSeconds = streamIdleSeconds
        state = Mutex(State())
    }

    /// Keeps the receiver's interval record; it is sent (as an `interval` event) with the
    /// summary that follows it, so a page that refreshes on the event finds the new figures.
    /// - Parameter closedUnixMilliseconds: when the receiver closed it, ms since 1970, if known.
    package func publish(interval record: IntervalRecord, closedUnixMilliseconds: Double? = nil) {
        state.withLock {
            $0.pendingInterval = record
            $0.pendingClosedUnixMilliseconds = closedUnixMilliseconds
        }
    }

    /// Applies the receiver's figures so far and returns the events they make: the pending
    /// interval record, then stream starts, path switches and stream ends. A point is added to
    /// each stream's history only when an interval closed since the last summary.
    package func publish(summary: ReceiverSummary) -> [WebEvent] {
        let (events, _) = state.withLock { state in apply(summary, to: &state) }
        return events
    }

    /// Replaces the relay's counts (`impair --web`) and returns the `relay` event.
    package func publish(relay counts: [RelayCount], atSeconds seconds: Double) -> WebEvent {
        state.withLock {
            $0.relay = counts
            $0.lastEndSeconds = max($0.lastEndSeconds, seconds)
        }
        var object = JSONLine()
        object.add("t_s", seconds)
        object.add("paths", counts.map(\.json))
        return WebEvent(kind: .relay, data: object.text)
    }

    /// Replaces the known impairment schedule (at most ``ImpairmentMarker/maximumCount``).
    package func publish(markers: [ImpairmentMarker]) {
        state.withLock { $0.markers = Array(markers.prefix(ImpairmentMarker.maximumCount)) }
    }

    /// The `phase` event of `marker`, sent when it began.
    package func phaseEvent(_ marker: ImpairmentMarker, atSeconds seconds: Double) -> WebEvent {
        state.withLock { $0.lastEndSeconds = max($0.lastEndSeconds, seconds) }
        return marker.event(atSeconds: seconds)
    }

    private func apply(_ summary: ReceiverSummary, to state: inout State) -> ([WebEvent], Void) {
        var events: [WebEvent] = []
        let record = state.pendingInterval
        state.pendingInterval = nil
        if let record {
            events.append(WebEvent(kind: .interval, data: JSONLWriter.encode(record)))
            state.lastInterval = record
            state.lastEndSeconds = record.endSeconds
            state.lastClosedUnixMilliseconds = state.pendingClosedUnixMilliseconds
            state.intervals += 1
        }
        let now = state.lastEndSeconds
        var seen = Set<Int>()
        for stream in summary.streams ?? (summary.stream == nil ? [] : [summary]) {
            guard let name = stream.stream else { continue }
            let id: Int
            if let known = state.byName[name] {
                id = known
            } else {
                id = state.nextID
                state.nextID += 1
                state.byName[name] = id
                state.streams[id] = TrackedStream(row: StreamRow(id: id, name: name, summary: stream), lastGrowthSeconds: now)
                events.append(Self.startEvent(state.streams[id]?.row, at: now))
                trimRows(&state)
            }
            seen.insert(id)
            guard var tracked = state.streams[id] else { continue }
            let isPrimary = name == summary.stream
            events += update(&tracked, with: stream, interval: isPrimary ? record : nil, closed: record != nil, now: now, state: &state)
            state.streams[id] = tracked
        }
        // Streams the receiver no longer lists have ended too.
        for (id, tracked) in state.streams where tracked.row.active && !seen.contains(id) {
            state.streams[id]?.row.active = false
            events.append(Self.endEvent(tracked.row, at: now))
        }
        return (events, ())
    }

    private func update(
        _ tracked: inout TrackedStream, with stream: ReceiverSummary, interval: IntervalRecord?, closed: Bool, now: Double,
        state: inout State
    ) -> [WebEvent] {
        var events: [WebEvent] = []
        let totals = TrackedStream.Totals(stream)
        let last = tracked.lastTotals
        let switches = tracked.row.pathSwitches
        var row = StreamRow(id: tracked.row.id, name: "\(tracked.row.source) ssrc \(tracked.row.ssrc)", summary: stream)
        row.pathSwitches = switches
        row.path = tracked.row.path
        let udp = totals.udp - last.udp
        let tcp = totals.tcp - last.tcp
        if closed {
            row.path = udp > 0 && tcp > 0 ? "udp+tcp" : udp > 0 ? "udp" : tcp > 0 ? "tcp" : "none"
            if udp > 0 || tcp > 0 {
                let dominant = tcp > udp ? "tcp" : "udp"
                if let before = tracked.dominantPath, before != dominant {
                    let change = PathSwitch(endSeconds: now, from: before, to: dominant)
                    tracked.switches.append(change)
                    if tracked.switches.count > TrackedStream.maximumSwitches { tracked.switches.removeFirst() }
                    row.pathSwitches += 1
                    events.append(Self.switchEvent(change, row: row))
                }
                tracked.dominantPath = dominant
            }
        }
        if totals.packets > last.packets {
            tracked.lastGrowthSeconds = now
            if !tracked.row.active { events.append(Self.startEvent(row, at: now)) }
            row.active = true
        } else {
            row.active = tracked.row.active && now - tracked.lastGrowthSeconds < streamIdleSeconds
            if tracked.row.active && !row.active { events.append(Self.endEvent(row, at: now)) }
        }
        if closed {
            if tracked.ring == nil, row.active, let ring = makeRing(&state) { tracked.ring = ring }
            let expected = max(0, totals.expected - last.expected)
            let lost = max(0, totals.lost - last.lost)
            let late = max(0, totals.late - last.late)
            let delay = interval.flatMap { $0.latencyP50Milliseconds > 0 ? $0 : nil }
            tracked.ring?.append(StreamPoint(
                endSeconds: now, packets: max(0, totals.packets - last.packets), expected: expected, lost: lost,
                lostPercent: expected > 0 ? Double(lost) * 100 / Double(expected) : 0, late: late,
                latePercent: expected > 0 ? Double(late) * 100 / Double(expected) : 0,
                jitterMilliseconds: row.jitterMilliseconds,
                delayP50Milliseconds: delay.map(\.latencyP50Milliseconds) ?? row.delayP50Milliseconds,
                delayP99Milliseconds: delay.map(\.latencyP99Milliseconds) ?? row.delayP99Milliseconds,
                targetDelayMilliseconds: row.targetDelayMilliseconds, playoutDelayMilliseconds: row.playoutDelayMilliseconds,
                concealed: max(0, totals.concealed - last.concealed), path: row.path))
            let oldest = tracked.ring?.points.first?.endSeconds ?? now
            tracked.switches.removeAll { $0.endSeconds < oldest }
            tracked.lastTotals = totals
        }
        tracked.row = row
        return events
    }

    /// A new ring while the budget allows; else the ring of the longest-ended stream, if any.
    private func makeRing(_ state: inout State) -> PointRing? {
        if state.ringsInUse < historyStreamLimit {
            state.ringsInUse += 1
            return PointRing(capacity: pointsPerStream)
        }
        let ended = state.streams.filter { !$0.value.row.active && $0.value.ring != nil }
        guard let victim = ended.min(by: { $0.value.lastGrowthSeconds < $1.value.lastGrowthSeconds })?.key else { return nil }
        state.streams[victim]?.ring = nil
        state.streams[victim]?.switches = []
        return PointRing(capacity: pointsPerStream)
    }

    /// Drops the oldest ended rows beyond ``rowLimit`` (active rows are bounded by the
    /// receiver's own `--max-streams`).
    private func trimRows(_ state: inout State) {
        guard state.streams.count > rowLimit else { return }
        let ended = state.streams.values.filter { !$0.row.active }.sorted { $0.lastGrowthSeconds < $1.lastGrowthSeconds }
        for tracked in ended.prefix(state.streams.count - rowLimit) {
            if tracked.ring != nil { state.ringsInUse -= 1 }
            state.streams[tracked.row.id] = nil
            state.byName["\(tracked.row.source) ssrc \(tracked.row.ssrc)"] = nil
        }
    }
}
