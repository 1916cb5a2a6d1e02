extension OpusFrameDuration: CustomStringConvertible {
    /// "2.5 ms", "20 ms", ...
    public var description: String {
        microseconds % 1_000 == 0 ? "\(microseconds / 1_000) ms" : "\(milliseconds) ms"
    }
}
