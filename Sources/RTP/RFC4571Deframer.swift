/// Reassembles RFC 4571 frames from an arbitrary split of a byte stream, without SwiftNIO.
/// The framing decisions are ``RFC4571Framing/step(_:)``'s, as in the transport's NIO decoder.
public struct RFC4571Deframer: Sendable {
    /// The receive rules (buffer cap, optional RTP version check).
    public let framing: RFC4571Framing
    /// Upper bound on buffered, not yet returned bytes. Default 2 × 65 537 (two maximal frames
    /// with their length prefixes).
    public var maxBufferedBytes: Int { framing.maxBufferedBytes }
    /// Zero-length frames seen and skipped so far.
    public private(set) var zeroLengthFrames = 0

    private var buffer: [UInt8] = []
    /// Index of the first unconsumed byte in `buffer`; compacted lazily to keep appends O(1)
    /// amortised.
    private var readIndex = 0

    public init(maxBufferedBytes: Int = RFC4571Framing.defaultMaxBufferedBytes, requiresRTPVersion2: Bool = false) {
        framing = RFC4571Framing(maxBufferedBytes: maxBufferedBytes, requiresRTPVersion2: requiresRTPVersion2)
    }

    /// Bytes received but not yet returned as frames (including a partial length prefix).
    public var bufferedBytes: Int { buffer.count - readIndex }

    /// Adds received bytes.
    /// - Throws: ``RFC4571Error/bufferCapExceeded`` when the result would exceed
    ///   `maxBufferedBytes`; in that case nothing is appended.
    public mutating func append(_ bytes: some Collection<UInt8>) throws(RFC4571Error) {
        guard framing.admits(bufferedBytes: bufferedBytes + bytes.count) else { throw .bufferCapExceeded }
        if readIndex > 0, readIndex >= buffer.count / 2 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Returns the next complete frame's payload, or `nil` if more bytes are needed.
    /// Zero-length frames are consumed, counted in ``zeroLengthFrames`` and skipped.
    /// - Throws: what ``RFC4571Framing/step(_:)`` throws; the stream is then unusable.
    public mutating func nextFrame() throws(RFC4571Error) -> [UInt8]? {
        while true {
            let step = try framing.step(buffer[readIndex...])
            let start = readIndex + RFC4571Framing.prefixBytes
            readIndex += step.consumedBytes
            switch step {
            case .needMoreData:
                return nil
            case .zeroLengthFrame:
                zeroLengthFrames += 1
            case .frame:
                let frame = Array(buffer[start..<readIndex])
                if readIndex == buffer.count {
                    buffer.removeAll(keepingCapacity: true)
                    readIndex = 0
                }
                return frame
            }
        }
    }
}
