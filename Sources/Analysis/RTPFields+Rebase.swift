extension RTPFields {
    /// The same fields with `payloadRange` relative to index 0 (for a copied payload).
    static func rebase(_ fields: RTPFields, from start: Int) -> RTPFields {
        var copy = fields
        copy.payloadRange = (fields.payloadRange.lowerBound - start)..<(fields.payloadRange.upperBound - start)
        return copy
    }
}
