import JitterbugSupport

/// What the impairment engine did to one packet; one JSON line of the ground-truth log.
/// All values are integers or fixed strings so logs compare byte for byte.
public struct GroundTruthRecord: Sendable, Hashable, Codable {
    /// Whether any copy got through.
    public enum Fate: String, Sendable, Hashable, Codable {
        case delivered
        case dropped
    }

    /// A flipped bit in one copy.
    public struct Corruption: Sendable, Hashable, Codable {
        /// 0 = original, 1 = duplicate.
        public var copy: Int
        /// Byte offset in the payload.
        public var byte: Int
        /// The flipped bit as a mask, 1...128.
        public var mask: Int

        public init(copy: Int, byte: Int, mask: Int) {
            self.copy = copy
            self.byte = byte
            self.mask = mask
        }

        /// `{"copy":…,"byte":…,"mask":…}`.
        var jsonObject: JSONLine {
            var object = JSONLine()
            object.add("copy", copy)
            object.add("byte", byte)
            object.add("mask", mask)
            return object
        }
    }

    /// Zero-based packet index (`index`).
    public var index: Int
    /// Send time in whole microseconds from the origin (`send_us`).
    public var sendMicroseconds: Int
    /// Packet size in bytes as given to the engine (`size_bytes`).
    public var sizeBytes: Int
    /// `delivered` or `dropped` (`fate`).
    public var fate: Fate
    /// Drop reason, `null` when delivered (`reason`).
    public var reason: DropReason?
    /// Delivery time minus send time in whole microseconds, one per copy (`delay_us`).
    public var delayMicroseconds: [Int]
    /// Two copies delivered (`duplicated`).
    public var duplicated: Bool
    /// Some copy corrupted (`corrupted`).
    public var corrupted: Bool
    /// Which bits were flipped (`corruption`), empty when none.
    public var corruptions: [Corruption]

    public init(
        index: Int, sendMicroseconds: Int, sizeBytes: Int, fate: Fate, reason: DropReason?,
        delayMicroseconds: [Int], duplicated: Bool, corrupted: Bool, corruptions: [Corruption]
    ) {
        self.index = index
        self.sendMicroseconds = sendMicroseconds
        self.sizeBytes = sizeBytes
        self.fate = fate
        self.reason = reason
        self.delayMicroseconds = delayMicroseconds
        self.duplicated = duplicated
        self.corrupted = corrupted
        self.corruptions = corruptions
    }

    /// The record's members in the log's fixed key order (see ``GroundTruthLog``), for a line
    /// of its own or after other members (the relay's path, the lab's direction and ports).
    package var jsonMembers: JSONLine {
        var line = JSONLine()
        line.add(CodingKeys.index.rawValue, index)
        line.add(CodingKeys.sendMicroseconds.rawValue, sendMicroseconds)
        line.add(CodingKeys.sizeBytes.rawValue, sizeBytes)
        line.add(CodingKeys.fate.rawValue, fate.rawValue)
        line.add(CodingKeys.reason.rawValue, reason?.rawValue)
        line.add(CodingKeys.delayMicroseconds.rawValue, delayMicroseconds)
        line.add(CodingKeys.duplicated.rawValue, duplicated)
        line.add(CodingKeys.corrupted.rawValue, corrupted)
        line.add(CodingKeys.corruptions.rawValue, corruptions.map(\.jsonObject))
        return line
    }

    enum CodingKeys: String, CodingKey {
        case index
        case sendMicroseconds = "send_us"
        case sizeBytes = "size_bytes"
        case fate
        case reason
        case delayMicroseconds = "delay_us"
        case duplicated
        case corrupted
        case corruptions = "corruption"
    }
}
