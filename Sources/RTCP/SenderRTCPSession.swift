import JitterbugSupport
import RTP
import Synchronization

/// The sender's RTCP: sender reports (with SDES CNAME, answers to receivers' reference times,
/// BYE at the end) on the RFC 3550 schedule, and what receivers report back: RTT from LSR/DLSR,
/// fraction and cumulative loss, jitter, windowed loss. Thread-safe; fed from the send loop.
public final class SenderRTCPSession: Sendable {
    /// What the receivers last told us, for interval lines and JSON.
    public struct Status: Sendable, Equatable {
        public var reportsReceived = 0
        public var reportsSent = 0
        public var roundTripMilliseconds: Double?
        public var fractionLost: Double?
        public var cumulativeLost: Int32?
        public var jitterMilliseconds: Double?
        public var windowedLossFraction: Double?
        public var receiverSaidGoodbye = false
        public var rejected = 0
    }

    private struct State {
        var side: RTCPSenderSide?
        var scheduler = RTCPScheduler(
            configuration: .jitterbug, weSent: true, generator: SystemRandomNumberGenerator())
        var packets: UInt32 = 0
        var octets: UInt32 = 0
        var lastTimestamp: UInt32 = 0
        var lastPacketTime: Duration?
        var sent = 0
    }

    private let state = Mutex(State())
    private let clockRate: Int

    public init(clockRate: Int = 48_000) { self.clockRate = clockRate }

    /// Records one RTP packet handed to the transport at `now` (monotonic).
    public func notePacket(_ packet: RTPPacket, at now: Duration) {
        state.withLock { s in
            if s.side == nil {
                s.side = RTCPSenderSide(ssrc: packet.header.ssrc, cname: "jitterbug-send@\(packet.header.ssrc.hex)", clockRateHertz: clockRate)
            }
            s.packets &+= 1
            s.octets &+= UInt32(truncatingIfNeeded: packet.payload.count)
            s.lastTimestamp = packet.header.timestamp
            s.lastPacketTime = now
            // The session bandwidth is measured from what we send (RFC 3550 §6.2).
            s.scheduler.noteMedia(rtpBytes: packet.serializedLength, at: now)
        }
    }

    /// A sender report compound when one is due (or `goodbye`, which always sends and adds BYE).
    /// - Parameters:
    ///   - overheadBytes: bytes each copy gains on the way (the SRTCP index and tag).
    public func reportIfDue(
        now: Duration, wallClock: Duration, goodbye: Bool = false, overheadBytes: Int = 0
    ) -> [UInt8]? {
        state.withLock { s -> [UInt8]? in
            guard let side = s.side, let lastPacketTime = s.lastPacketTime else { return nil }
            guard goodbye || s.scheduler.isDue(now: now) else { return nil }
            // The RTP timestamp that corresponds to "now" on the media clock (RFC 3550 §6.4.1).
            let elapsedTicks = Int64((now - lastPacketTime).seconds * Double(clockRate))
            let timestamp = s.lastTimestamp &+ UInt32(truncatingIfNeeded: max(0, elapsedTicks))
            let packets = side.makeCompound(
                ntp: NTPTimestamp(sinceUnixEpoch: wallClock), rtpTimestamp: timestamp, packetCount: s.packets,
                octetCount: s.octets, now: now, goodbye: goodbye ? "" : nil)
            let bytes = RTCPCompound.serialize(packets)
            s.scheduler.didSend(sizeBytes: bytes.count + max(0, overheadBytes), at: now)
            s.sent += 1
            return bytes
        }
    }

    /// A sender report compound now, outside the schedule: for a path the schedule does not
    /// pace (the standby TCP connection of `auto`, which the receiver closes when it stays
    /// silent). `nil` before the first RTP packet.
    public func unscheduledReport(now: Duration, wallClock: Duration) -> [UInt8]? {
        state.withLock { s -> [UInt8]? in
            guard let side = s.side, let lastPacketTime = s.lastPacketTime else { return nil }
            let elapsedTicks = Int64((now - lastPacketTime).seconds * Double(clockRate))
            let timestamp = s.lastTimestamp &+ UInt32(truncatingIfNeeded: max(0, elapsedTicks))
            s.sent += 1
            return RTCPCompound.serialize(
                side.makeCompound(
                    ntp: NTPTimestamp(sinceUnixEpoch: wallClock), rtpTimestamp: timestamp, packetCount: s.packets,
                    octetCount: s.octets, now: now))
        }
    }

    /// Processes an RTCP datagram from the receiver.
    public func receive(_ bytes: [UInt8], arrival: Duration, wallClock: Duration) {
        state.withLock { s in
            s.scheduler.didReceive(sizeBytes: bytes.count)
            _ = s.side?.process(datagram: bytes, arrival: arrival, arrivalNTP: NTPTimestamp(sinceUnixEpoch: wallClock))
        }
    }

    /// The longest the receiver's reports should be apart at `now`: the largest randomised
    /// interval (1.5 / (e − 3/2) × Td) of a receiver on the same schedule, for the media rate
    /// we send less the loss the receiver reports (it measures what arrives), with 15 % for
    /// the difference between its estimates (rate, average size) and ours, plus 100 ms for
    /// polling and the path. Zero until the media rate is known.
    public func receiverReportIntervalBound(now: Duration) -> Duration {
        state.withLock { s in
            guard s.scheduler.mediaRate.hasMedia, let sent = s.scheduler.sessionBitsPerSecond(now: now) else { return .zero }
            let loss = min(0.9, max(0, s.side?.windowedLossFraction(now: now) ?? 0))
            var configuration = s.scheduler.configuration
            configuration.sessionBandwidthBitsPerSecond = sent * (1 - loss)
            let td = RTCPScheduler<SystemRandomNumberGenerator>.deterministicIntervalSeconds(
                members: s.scheduler.members, senders: s.scheduler.senders, weSent: false,
                averageSizeBytes: s.scheduler.averageSizeBytes, rtcpBytesPerSecond: configuration.rtcpBytesPerSecond,
                senderBandwidthFraction: configuration.senderBandwidthFraction,
                minimumSeconds: configuration.minimumIntervalSeconds, initial: false, fixedSplit: configuration.fixedSplit)
            return .seconds(finite: td * 1.5 / RTCPSchedulerConfiguration.compensation * 1.15 + 0.1)
        }
    }

    public func status(now: Duration) -> Status {
        state.withLock { s in
            var status = Status()
            status.reportsSent = s.sent
            guard let side = s.side else { return status }
            status.reportsReceived = side.reportsReceived
            status.roundTripMilliseconds = side.latestRTT.map(\.milliseconds)
            status.fractionLost = side.lastReport?.fractionLost
            status.cumulativeLost = side.lastReport?.block.cumulativeLost
            status.jitterMilliseconds = side.lastReport?.jitterMilliseconds
            status.windowedLossFraction = side.windowedLossFraction(now: now)
            status.receiverSaidGoodbye = side.peerGoodbye != nil
            status.rejected = side.rejections.total
            return status
        }
    }
}
