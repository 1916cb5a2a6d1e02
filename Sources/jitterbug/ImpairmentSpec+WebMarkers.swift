import Impairment
import Reports
import WebView

extension ImpairmentSpec {
    /// The phases and blackhole windows of this spec as the web view's markers, on the clock of
    /// the engine that applies it (seconds since its origin). A direction with the same
    /// schedule as the other is shown once, as `both`; a direction that impairs nothing is left
    /// out. A phase lasts until the direction's next phase.
    var webMarkers: [ImpairmentMarker] {
        let directions: [(String, DirectionSpec)] =
            up.phases == down.phases && up.blackholes == down.blackholes
            ? [("both", up)] : [("up", up), ("down", down)].filter { !$0.1.isEmpty }
        var markers: [ImpairmentMarker] = []
        for (name, spec) in directions {
            for (index, phase) in spec.phases.enumerated() {
                let next = index + 1 < spec.phases.count ? spec.phases[index + 1].start.seconds : nil
                markers.append(ImpairmentMarker(
                    kind: .phase, direction: name, startSeconds: phase.start.seconds, endSeconds: next,
                    label: phase.overrides.specText))
            }
            for window in spec.blackholes {
                markers.append(ImpairmentMarker(
                    kind: .blackhole, direction: name, startSeconds: window.start.seconds,
                    endSeconds: (window.start + window.length).seconds, label: "blackhole"))
            }
        }
        return markers.sorted { $0.startSeconds < $1.startSeconds }
    }

    /// The same as bands for a chart's stream-time axis (`compare --svg`/`--html`), labelled
    /// with the direction when the two differ.
    var chartPhases: [ChartPhase] {
        webMarkers.map {
            ChartPhase(
                startSeconds: $0.startSeconds, endSeconds: $0.endSeconds,
                label: $0.direction == "both" ? $0.label : "\($0.direction): \($0.label)", isBlackhole: $0.kind == .blackhole)
        }
    }
}

extension WebOptions.LiveView {
    /// Shows `markers` on the page at once and sends each one's `phase` event when it begins,
    /// on the clock that starts at `origin` (the impairment's), until the returned task is
    /// cancelled. Nil when there is nothing to show.
    func publishPhases(_ markers: [ImpairmentMarker], origin: ContinuousClock.Instant) -> Task<Void, Never>? {
        guard !markers.isEmpty else { return nil }
        server.publish(markers: markers)
        return Task {
            for marker in markers.prefix(ImpairmentMarker.maximumCount) {
                let due = origin.advanced(by: .milliseconds(Int64((marker.startSeconds * 1_000).rounded())))
                if due > ContinuousClock.now {
                    do { try await Task.sleep(until: due, clock: .continuous) } catch { return }
                }
                server.publish(phaseStarted: marker, atSeconds: (ContinuousClock.now - origin).seconds)
            }
        }
    }
}
