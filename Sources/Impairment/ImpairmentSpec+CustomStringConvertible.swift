extension ImpairmentSpec: CustomStringConvertible {
    /// The canonical spec text; parsing it yields an equal spec. Terms the two directions share
    /// are written once without prefix, then `up:` terms, then `down:` terms, then `seed=`.
    /// Empty for no impairment and no seed.
    public var description: String {
        let upTerms = up.terms
        let downTerms = down.terms
        let downSet = Set(downTerms)
        let upSet = Set(upTerms)
        var terms = upTerms.filter { downSet.contains($0) }
        terms += upTerms.filter { !downSet.contains($0) }.map { "up:" + $0 }
        terms += downTerms.filter { !upSet.contains($0) }.map { "down:" + $0 }
        if let seed { terms.append("seed=\(seed)") }
        return terms.joined(separator: ",")
    }
}
