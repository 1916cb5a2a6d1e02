/// Appends big-endian integers to a growing payload.
struct TelemetryWireWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func write(_ value: UInt8) { bytes.append(value) }

    mutating func write(_ value: UInt16) { writeBigEndian(UInt64(value), width: 2) }

    mutating func write(_ value: UInt32) { writeBigEndian(UInt64(value), width: 4) }

    mutating func write(_ value: UInt64) { writeBigEndian(value, width: 8) }

    mutating func write<Bytes: Sequence<UInt8>>(contentsOf values: Bytes) { bytes.append(contentsOf: values) }

    private mutating func writeBigEndian(_ value: UInt64, width: Int) {
        for shift in stride(from: (width - 1) * 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}
