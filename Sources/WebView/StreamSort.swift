/// How `/api/streams` orders its rows (`?sort=`): the worst first for every figure but `id`.
package enum StreamSort: String, Sendable, CaseIterable {
    /// Highest loss % first (top-N by loss with `limit=N`); the default.
    case loss
    /// Most late packets first.
    case late
    /// Highest jitter first.
    case jitter
    /// Highest one-way delay p99 first.
    case delay
    /// Lowest MOS first.
    case mos
    /// Most packets first.
    case packets
    /// The order streams were first seen.
    case id

    /// Whether `a` goes before `b`; ties go by id so pages are stable.
    func precedes(_ a: StreamRow, _ b: StreamRow) -> Bool {
        func by<Value: Comparable>(_ x: Value, _ y: Value, descending: Bool = true) -> Bool {
            x == y ? a.id < b.id : (descending ? x > y : x < y)
        }
        switch self {
        case .loss: return by(a.lostPercent, b.lostPercent)
        case .late: return by(a.late, b.late)
        case .jitter: return by(a.jitterMilliseconds, b.jitterMilliseconds)
        case .delay: return by(a.delayP99Milliseconds ?? -1, b.delayP99Milliseconds ?? -1)
        case .mos: return by(a.mos ?? 5, b.mos ?? 5, descending: false)
        case .packets: return by(a.packets, b.packets)
        case .id: return a.id < b.id
        }
    }
}
