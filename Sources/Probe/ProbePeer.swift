import SRTP
import Transport

/// One host a probe tests: a name for labels and logs, and the address its probe listens on
/// (RTP there, RTCP on port + 1).
package struct ProbePeer: Sendable, Equatable {
    /// Shown as the `peer` label; letters, digits, `.`, `_` and `-`, 1 to 64 characters.
    package var name: String
    /// Where the peer's probe listens (`--listen` on that host).
    package var address: EndpointAddress
    /// This peer's own SRTP key (`srtp_key` in the peers file, `--peer-key-file`): tests to it
    /// are protected with it, and streams from its address are expected under it. Nil: the
    /// probe's own key (`--key-file`), or clear RTP without one.
    package var srtpKey: SRTPKeyMaterial?

    package init(name: String, address: EndpointAddress, srtpKey: SRTPKeyMaterial? = nil) {
        self.name = name
        self.address = address
        self.srtpKey = srtpKey
    }

    /// The label value for streams from no configured peer (bounds the label set).
    package static let otherName = "other"

    /// The accepted form of a name, for error messages.
    package static let acceptedNameForm = "1 to 64 letters, digits, '.', '_' or '-' (and not 'other')"

    /// Whether `name` can be a peer name (a bounded, Prometheus-safe label value).
    package static func isValidName(_ name: String) -> Bool {
        guard (1...64).contains(name.count), name != otherName else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }
    }
}
