/// Cursor over one fuzz input, for targets that need several values (datagrams, chunk sizes,
/// time steps) out of one byte string. Reads never fail: past the end they return zeros or
/// short slices, so every input is a valid program for the target.
public struct FuzzInput {
    public let bytes: [UInt8]
    public private(set) var offset = 0

    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = Array(UnsafeBufferPointer(start: data, count: size))
    }

    public var isAtEnd: Bool { offset >= bytes.count }
    public var remaining: Int { bytes.count - offset }

    /// The next byte, or 0 past the end.
    public mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next big-endian 16-bit value, zero-filled past the end.
    public mutating func uint16() -> UInt16 {
        UInt16(byte()) << 8 | UInt16(byte())
    }

    /// Up to `count` next bytes (fewer at the end).
    public mutating func take(_ count: Int) -> [UInt8] {
        let end = min(bytes.count, offset + max(0, count))
        defer { offset = end }
        return Array(bytes[offset..<end])
    }

    /// The next length-prefixed record: a 16-bit big-endian length, then that many bytes
    /// (truncated at the end of the input). The RFC 4571 layout, so seeds are easy to write.
    public mutating func record() -> [UInt8] {
        take(Int(uint16()))
    }
}

/// Stops the fuzzer with a message when a property that must hold does not (libFuzzer reports
/// the crash and saves the input). Used for round-trip and invariant checks, not parse errors.
public func fuzzCheck(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition() {
        fatalError("fuzz property violated: \(message())", file: file, line: line)
    }
}
