import FuzzDriver
import FuzzSupport
import RTP
import RTCP
import Stats

/// The RTCP state machines of both ends (`RTCPReceiverSide`, `RTCPSenderSide`) fed a sequence
/// of fuzzed datagrams; after each, both build their next compound, which must parse.
///
/// Input: records of one time-step byte (milliseconds) and a 16-bit-length-prefixed datagram.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    var receiver = freshReceiver
    var sender = freshSender
    var statistics = freshStatistics
    var now = Duration.seconds(1)
    // A fixed wall-clock origin keeps runs reproducible.
    let wallOrigin = Duration.seconds(1_700_000_000)
    var sequenceNumber: UInt16 = 100
    while !input.isAtEnd {
        now += .milliseconds(Int(input.byte()))
        let ntp = NTPTimestamp(sinceUnixEpoch: wallOrigin + now)
        let datagram = input.record()
        let receiverAccepted = receiver.process(datagram: datagram, arrival: now, arrivalNTP: ntp)
        let senderAccepted = sender.process(datagram: datagram, arrival: now, arrivalNTP: ntp)
        fuzzCheck(receiverAccepted == senderAccepted, "the two sides disagree on validity")
        // Some media so the receiver has a report block to fill from the fuzzed SR state.
        _ = statistics.record(
            sequenceNumber: sequenceNumber, rtpTimestamp: UInt32(sequenceNumber) &* 960, arrival: now,
            payloadBytes: 80)
        sequenceNumber &+= 1
        let source = receiver.lastSenderReports.keys.min() ?? 0x3333_3333
        let report = receiver.makeCompound(sourceSSRC: source, statistics: &statistics, now: now, nowNTP: ntp)
        let answer = sender.makeCompound(
            ntp: ntp, rtpTimestamp: 0, packetCount: 0, octetCount: 0, now: now,
            goodbye: receiver.hasStreamEnded ? "" : nil)
        for compound in [report, answer] {
            let wire = RTCPCompound.serialize(compound)
            fuzzCheck((try? RTCPCompound.parse(wire)) == compound, "a built compound does not parse back")
        }
        _ = receiver.latestRTT
        _ = sender.latestRTT
    }
    return 0
}

// Built once and copied per input (value types): the sender's RTT histogram allocates and
// zeroes its buckets on init, which otherwise takes a fifth of each execution.
private let freshReceiver = RTCPReceiverSide(ssrc: 0x1111_1111, cname: "receiver@fuzz")
private let freshSender = RTCPSenderSide(ssrc: 0x2222_2222, cname: "sender@fuzz")
private let freshStatistics = RTPReceptionStatistics(clockRateHertz: 48_000)

@_cdecl("fuzz_rtcp_session_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    jitterbug_fuzz_main(argc, argv)
}
