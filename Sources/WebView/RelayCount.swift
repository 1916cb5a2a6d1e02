/// One path of a relay or lab link and what happened to its packets so far (`impair --web`,
/// `lab --web`): shown in the page's relay table and sent as `relay` events.
package struct RelayCount: Sendable, Equatable, Codable {
    /// e.g. `up rtp` (sender → receiver) or `down rtcp` (the replies).
    package var path: String
    /// Packets that entered the path.
    package var packetsIn: Int64
    /// Packets delivered (duplicates included).
    package var packetsOut: Int64
    package var dropped: Int64
    package var duplicated: Int64
    package var corrupted: Int64

    package init(path: String, packetsIn: Int64, packetsOut: Int64, dropped: Int64, duplicated: Int64 = 0, corrupted: Int64 = 0) {
        self.path = path
        self.packetsIn = packetsIn
        self.packetsOut = packetsOut
        self.dropped = dropped
        self.duplicated = duplicated
        self.corrupted = corrupted
    }

    enum CodingKeys: String, CodingKey {
        case path
        case packetsIn = "packets_in"
        case packetsOut = "packets_out"
        case dropped, duplicated, corrupted
    }
}

import JitterbugSupport

extension RelayCount {
    /// The count as a JSON object (the `relay` event's `paths` members).
    var json: JSONLine {
        var object = JSONLine()
        object.add("path", path)
        object.add("packets_in", packetsIn)
        object.add("packets_out", packetsOut)
        object.add("dropped", dropped)
        object.add("duplicated", duplicated)
        object.add("corrupted", corrupted)
        return object
    }
}
