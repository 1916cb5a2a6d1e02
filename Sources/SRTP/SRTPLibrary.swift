import CSRTP

/// Process-wide libsrtp initialisation.
///
/// libsrtp requires `srtp_init()` once per process before `srtp_create()`, and calling it again
/// would re-register its crypto kernel. A `static let` is initialised lazily and exactly once,
/// even when first touched from several threads at the same time (the runtime guards it with
/// `swift_once`), so it gives us "exactly once" without a lock of our own. We never call
/// `srtp_shutdown()`: sessions may live until the process exits.
enum SRTPLibrary {
    /// The `srtp_err_status_t` returned by the one `srtp_init()` call; 0 means ready.
    static let initStatus: UInt32 = srtp_init().rawValue
}
