extension OpusError: CustomStringConvertible {
    /// "libopus error -4 (corrupted stream): decoding a 3-byte packet".
    public var description: String {
        let base = "libopus error \(code) (\(libopusMessage))"
        return detail.isEmpty ? base : "\(base): \(detail)"
    }
}
