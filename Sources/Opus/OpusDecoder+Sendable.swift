/// Explicitly not Sendable: libopus decoder state must not be touched by two tasks at once.
@available(*, unavailable, message: "OpusDecoder holds mutable libopus state; use it from one task")
extension OpusDecoder: Sendable {}
