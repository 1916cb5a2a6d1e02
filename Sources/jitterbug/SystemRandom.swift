import Pipelines

/// `SystemRandomNumberGenerator` with one byte of storage, for the `inout` generators this tool
/// hands to generic code (`AudioSender.run`, `TelemetrySender.run`, `LoadSender.run`,
/// `SRTPKeyMaterial.generate`). Same numbers, same source (the system CSPRNG).
///
/// Why not `SystemRandomNumberGenerator` itself: it is an empty struct, and Swift gives a
/// variable of an empty type no address (an `undef` pointer is passed for `&random`). That is
/// harmless in a normal build, but under `-sanitize=thread` the generic callee cannot know the
/// type is empty and reports its `inout` access to the TSan runtime with that undefined pointer:
/// `jitterbug send` crashed with "ThreadSanitizer: SEGV" in `__tsan_external_write`
/// (swiftlang/swift#35579 skips the call only where the type is known to be empty). One stored
/// byte gives the variable a real address. See SECURITY.md, "Sanitizers".
struct SystemRandom: RandomNumberGenerator {
    private var system = SystemRandomNumberGenerator()
    private var addressable: UInt8 = 0

    mutating func next() -> UInt64 { system.next() }
}
