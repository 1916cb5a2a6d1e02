import JitterBuffer

// The due time of a stream's next frame, read in place: through a getter, the compiler copies
// the jitter buffer (about 1 KiB) before the call, and through `Optional<AudioPlayout>` the
// playout (1.5 KiB) before that, on every packet and tick (the #17 profile: `memmove` 15 % of
// the receiver at 3,000 streams). Mutating calls through `?.` project the optional's payload in
// place and pass the buffer's own address (``JitterBuffer/nextPlayoutNanosecondsInPlace()``).

extension AudioPlayout {
    /// When the next frame is due (``JitterBuffer/nextPlayoutTime``). Mutating only to be read
    /// in place through an optional.
    mutating func nextPlayoutTime() -> Duration? { jitterBuffer.nextPlayoutNanosecondsInPlace().map { .nanoseconds($0) } }
}

extension TelemetryPlayout {
    /// When the next delivery is due (``JitterBuffer/nextPlayoutTime``). Mutating only to be
    /// read in place through an optional.
    mutating func nextPlayoutTime() -> Duration? { jitterBuffer.nextPlayoutNanosecondsInPlace().map { .nanoseconds($0) } }
}
