extension ParameterOverrides {
    /// The set fields as spec terms joined by commas (`loss=20%,delay=40ms`), as `--impair`
    /// would take them after `at=T:`; empty when nothing is set.
    public var specText: String { terms.joined(separator: ",") }
}
