/// A time-switched change of parameters: from `start` on, the fields `overrides` sets replace
/// those of the base terms (and of earlier phases). Written `at=START:TERM`; all terms with the
/// same START form one phase.
public struct ImpairmentPhase: Sendable, Hashable {
    /// Offset from the time origin at which the phase takes effect (inclusive).
    public var start: Duration
    /// The parameters this phase sets.
    public var overrides: ParameterOverrides

    public init(start: Duration, overrides: ParameterOverrides) {
        self.start = start
        self.overrides = overrides
    }
}
