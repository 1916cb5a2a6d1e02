/// The impairment of one direction of a path: base parameters, time-switched phases and
/// blackhole windows. Kept in a canonical form (phases sorted by start with one phase per start
/// time, blackholes sorted without repeats) so that equal behaviour compares equal.
public struct DirectionSpec: Sendable, Hashable {
    /// Parameters from time zero (and before), until a phase overrides them.
    public var base: ImpairmentParameters
    /// Phases sorted by `start`, at most one per start time.
    public private(set) var phases: [ImpairmentPhase]
    /// Blackhole windows, sorted, no repeats. They are absolute in time, hence not part of phases.
    public private(set) var blackholes: [BlackholeWindow]

    /// No impairment.
    public init() {
        base = ImpairmentParameters()
        phases = []
        blackholes = []
    }

    public init(base: ImpairmentParameters, phases: [ImpairmentPhase] = [], blackholes: [BlackholeWindow] = []) {
        self.base = base
        self.phases = []
        self.blackholes = []
        for phase in phases { addPhase(phase.overrides, at: phase.start) }
        for window in blackholes { addBlackhole(window) }
    }

    /// True when this direction changes nothing at any time.
    public var isEmpty: Bool {
        base.isNeutral && blackholes.isEmpty
            && phases.allSatisfy { phase in
                var p = ImpairmentParameters()
                p.apply(phase.overrides)
                return p.isNeutral
            }
    }

    /// The parameters in force for a packet sent at `time`: base, then every phase with
    /// `start <= time` in start order.
    public func parameters(at time: Duration) -> ImpairmentParameters {
        var result = base
        for phase in phases {
            guard phase.start <= time else { break }
            result.apply(phase.overrides)
        }
        return result
    }

    /// True when `time` falls in any blackhole window.
    public func isBlackholed(at time: Duration) -> Bool {
        blackholes.contains { $0.contains(time) }
    }

    /// Adds overrides from `start` on, merging with an existing phase at the same start
    /// (fields set later win).
    public mutating func addPhase(_ overrides: ParameterOverrides, at start: Duration) {
        if let index = phases.firstIndex(where: { $0.start == start }) {
            phases[index].overrides.merge(overrides)
            return
        }
        let insertion = phases.firstIndex(where: { $0.start > start }) ?? phases.endIndex
        phases.insert(ImpairmentPhase(start: start, overrides: overrides), at: insertion)
    }

    /// Adds a blackhole window (ignored if already present).
    public mutating func addBlackhole(_ window: BlackholeWindow) {
        guard !blackholes.contains(window) else { return }
        blackholes.append(window)
        blackholes.sort()
    }

    /// Canonical prefix-free spec terms of this direction: base, blackholes, then phases.
    var terms: [String] {
        var terms = base.terms
        terms += blackholes.map { "blackhole=\($0)" }
        for phase in phases {
            let at = "at=\(SpecFormatting.duration(phase.start)):"
            terms += phase.overrides.terms.map { at + $0 }
        }
        return terms
    }
}
