/// A bitmap of which extended sequence numbers were received among the most recent 1024,
/// used to tell exact duplicates from reordered packets.
struct ReceivedSequenceWindow: Sendable, Equatable {
    static let size: UInt64 = 1024
    private static let wordCount = Int(size / 64)

    private var words = [UInt64](repeating: 0, count: wordCount)
    /// The highest extended sequence number the window is anchored at.
    private(set) var highest: UInt64 = 0

    /// Clears everything and marks `sequence` as the only one received.
    mutating func reset(to sequence: UInt64) {
        for index in words.indices { words[index] = 0 }
        highest = sequence
        insert(sequence)
    }

    /// Moves the top of the window forward, forgetting the slots that now represent new numbers.
    mutating func advance(to newHighest: UInt64) {
        guard newHighest > highest else { return }
        let step = newHighest - highest
        if step >= Self.size {
            for index in words.indices { words[index] = 0 }
        } else {
            var sequence = highest + 1
            while sequence <= newHighest {
                clear(sequence)
                sequence += 1
            }
        }
        highest = newHighest
    }

    /// Whether `sequence` was received; `nil` when it is outside the window (too old or ahead).
    func contains(_ sequence: UInt64) -> Bool? {
        guard sequence <= highest, highest - sequence < Self.size else { return nil }
        let (word, bit) = Self.slot(sequence)
        return words[word] & (1 << bit) != 0
    }

    /// Marks `sequence` as received (ignored when outside the window).
    mutating func insert(_ sequence: UInt64) {
        guard sequence <= highest, highest - sequence < Self.size else { return }
        let (word, bit) = Self.slot(sequence)
        words[word] |= 1 << bit
    }

    private mutating func clear(_ sequence: UInt64) {
        let (word, bit) = Self.slot(sequence)
        words[word] &= ~(1 << bit)
    }

    private static func slot(_ sequence: UInt64) -> (word: Int, bit: UInt64) {
        let position = sequence % size
        return (Int(position / 64), position % 64)
    }
}
