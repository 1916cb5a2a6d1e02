/// Follows every TCP direction of a capture (at most ``CaptureLimits/maxTCPFlows``; beyond, the
/// least recently used sixteenth is ended and forgotten, counted) and queues the RFC 4571 frames their
/// segments complete. See ``TCPFlow`` for the per-direction rules.
struct TCPReassembler {
    private var flows: [TCPFlowKey: TCPFlow] = [:]
    /// Frames ready to be returned, from `readyIndex` on.
    private var ready: [CapturedPacket] = []
    private var readyIndex = 0
    /// Out-of-order bytes held over all directions.
    private var heldTotal = 0
    private var clock = 0

    /// The next queued frame, if any.
    @inline(__always)
    mutating func nextFrame() -> CapturedPacket? {
        guard readyIndex < ready.count else { return nil }
        let frame = ready[readyIndex]
        readyIndex += 1
        if readyIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
        }
        return frame
    }

    /// Takes the TCP segment `segment` of record `record` (addresses and payload in `bytes`).
    mutating func receive(
        _ bytes: [UInt8], _ segment: DecodedSegment, _ record: CaptureRecord, frameNumber: Int,
        addresses: inout AddressCache, counters: inout CaptureCounters
    ) {
        let key = TCPFlowKey(bytes, segment)
        clock += 1
        let flow: TCPFlow
        if let existing = flows[key] {
            flow = existing
            flow.lastUsed = clock
        } else {
            let payloadBytes = segment.payloadEnd - segment.payloadStart
            // A lone ACK, FIN or RST of a direction not followed carries nothing to follow.
            guard payloadBytes > 0 || segment.tcpFlags & 0x02 != 0 else { return }
            flow = TCPFlow(
                source: CaptureEndpoint(
                    address: addresses.address(bytes, at: segment.sourceAddress, isIPv6: segment.isIPv6),
                    port: segment.sourcePort),
                destination: CaptureEndpoint(
                    address: addresses.address(bytes, at: segment.destinationAddress, isIPv6: segment.isIPv6),
                    port: segment.destinationPort),
                interfaceIndex: record.interfaceIndex, sequence: segment.tcpSequence, syn: segment.tcpFlags & 0x02 != 0,
                lastUsed: clock)
            if flows.count >= CaptureLimits.maxTCPFlows { evict(&counters) }
            flows[key] = flow
        }
        flow.receive(
            sequence: segment.tcpSequence, flags: segment.tcpFlags, payload: bytes[segment.payloadStart..<segment.payloadEnd],
            timestamp: record.timestampNanoseconds, frameNumber: frameNumber, output: &ready, heldTotal: &heldTotal,
            counters: &counters)
        if flow.closed { flows[key] = nil }
    }

    /// End of the file: every direction gives up its gaps and delivers what it holds.
    mutating func finishAll(counters: inout CaptureCounters) {
        for flow in flows.values.sorted(by: { $0.lastUsed < $1.lastUsed }) {
            flow.finish(output: &ready, heldTotal: &heldTotal, counters: &counters)
        }
        flows.removeAll()
    }

    /// Ends the least recently used sixteenth of the directions as at the end of the file (their
    /// gaps given up, the frames they hold delivered) and forgets them; counted in `tcpFlowsEvicted`.
    private mutating func evict(_ counters: inout CaptureCounters) {
        let uses = flows.values.map(\.lastUsed).sorted()
        let threshold = uses[uses.count / 16]
        let oldest = flows.filter { $0.value.lastUsed <= threshold }.sorted { $0.value.lastUsed < $1.value.lastUsed }
        for (key, flow) in oldest {
            flow.finish(output: &ready, heldTotal: &heldTotal, counters: &counters)
            flows[key] = nil
            counters.tcpFlowsEvicted += 1
        }
    }
}
