/// Explicitly not Sendable: libopus encoder state must not be touched by two tasks at once.
@available(*, unavailable, message: "OpusEncoder holds mutable libopus state; use it from one task")
extension OpusEncoder: Sendable {}
