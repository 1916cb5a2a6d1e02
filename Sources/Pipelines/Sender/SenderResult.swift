import Impairment
import RTCP
import Reports

/// What a ``SenderRunner`` run did.
package struct SenderResult: Sendable {
    package var summary: SenderSummary
    /// The UDP leg's impairment counters, with an impairment spec.
    package var impairment: ImpairedLink.Counters?
    /// The RTCP figures at the end (after BYE and the receiver's answer, if it came).
    package var rtcp: SenderRTCPSession.Status
    /// With `auto` (when TCP connected).
    package var auto: AutoPathSummary?
    /// With `tcp`.
    package var tcp: TCPLegSummary?
    /// With `udp`: packets that did not leave this host (refused by the kernel, e.g. a local
    /// firewall, or offered while the refused socket was opened again); counted in
    /// `summary.packets` and lost to the receiver. (With `auto`, see ``AutoPathSummary``.)
    package var udpSendsRefused: Int = 0
}
