/// An error opening, reading or writing audio, with a message meant for the end user.
///
/// The message names the file (or "<stdin>"/"<stdout>") and, when the failure comes from
/// libsndfile, libsndfile's own reason (`sf_strerror`).
public struct MediaError: Error, Sendable, Equatable {
    /// What went wrong, broadly; lets callers react without parsing `message`.
    public enum Kind: Sendable, Equatable {
        /// The file could not be opened or its contents are not audio we understand.
        case unreadable
        /// The audio is readable but in a format Jitterbug does not accept (rate, channels).
        case unsupportedFormat
        /// A write or close failed.
        case writeFailed
        /// The caller passed an invalid argument (e.g. zero channels).
        case invalidArgument
    }

    public var kind: Kind
    /// The full user-facing message, e.g. "cannot read 'x.wav': File contains data in an unknown format."
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
