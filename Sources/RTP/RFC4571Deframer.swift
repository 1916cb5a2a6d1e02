/// Reassembles RFC 4571 frames from an arbitrary split of a byte stream.
public struct RFC4571Deframer: Sendable {
    /// Upper bound on buffered, not yet returned bytes. Default 2 × 65 537 (two maximal frames
    /// with their length prefixes).
    public let maxBufferedBytes: Int
    /// Zero-length frames seen and skipped so far.
    public private(set) var zeroLengthFrames = 0

    private var buffer: [UInt8] = []
    /// Index of the first unconsumed byte in `buffer`; compacted lazily to keep appends O(1)
    /// amortised.
    private var readIndex = 0

    public init(maxBufferedBytes: Int = 2 * 65_537) {
        self.maxBufferedBytes = maxBufferedBytes
    }

    /// Bytes received but not yet returned as frames (including a partial length prefix).
    public var bufferedBytes: Int { buffer.count - readIndex }

    /// Adds received bytes.
    /// - Throws: ``RFC4571Error/bufferCapExceeded`` when the result would exceed
    ///   `maxBufferedBytes`; in that case nothing is appended.
    public mutating func append(_ bytes: some Collection<UInt8>) throws(RFC4571Error) {
        guard bufferedBytes + bytes.count <= maxBufferedBytes else { throw .bufferCapExceeded }
        if readIndex > 0, readIndex >= buffer.count / 2 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Returns the next complete frame's payload, or `nil` if more bytes are needed.
    /// Zero-length frames are consumed, counted in ``zeroLengthFrames`` and skipped.
    public mutating func nextFrame() -> [UInt8]? {
        while bufferedBytes >= 2 {
            let length = Int(buffer[readIndex]) << 8 | Int(buffer[readIndex + 1])
            if length == 0 {
                readIndex += 2
                zeroLengthFrames += 1
                continue
            }
            guard bufferedBytes >= 2 + length else { return nil }
            let start = readIndex + 2
            readIndex = start + length
            let frame = Array(buffer[start..<readIndex])
            if readIndex == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                readIndex = 0
            }
            return frame
        }
        return nil
    }
}
