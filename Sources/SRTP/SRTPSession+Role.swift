extension SRTPSession {
    /// Which libsrtp wildcard policy a session installs.
    public enum Role: Sendable, Equatable {
        /// `ssrc_any_outbound`: for the side that protects media.
        case sender
        /// `ssrc_any_inbound`: for the side that unprotects media.
        case receiver
    }
}
