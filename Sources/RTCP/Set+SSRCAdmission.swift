extension Set<UInt32> {
    /// Admits `ssrc` to a table of at most `limit` SSRCs: true when it is already there or there
    /// is room (it is added); false, counted as `source_table_full`, when the table is full.
    /// Bounds what a flood of forged SSRCs can make either RTCP side remember.
    mutating func admit(_ ssrc: UInt32, limit: Int, rejections: inout RTCPRejectionCounter) -> Bool {
        if contains(ssrc) { return true }
        guard count < limit else {
            rejections.count(RTCPRejectionCounter.sourceTableFull)
            return false
        }
        insert(ssrc)
        return true
    }
}
