import JitterbugSupport

extension ProbeTestResult {
    /// One line for people: `outbound test to paris: ok (udp), loss 0.00 %, …`.
    package var text: String {
        let head = direction == .outbound ? "outbound test to \(peer)" : "inbound test from \(peer)"
        guard ok else { return "\(head): failed (\(transport)): \(failure ?? "unknown")" }
        var parts = ["\(head): ok (\(transport)\(media == "audio" ? "" : ", \(media)"))"]
        if let lossRatio { parts.append("loss \((lossRatio * 100).formatted(decimals: 2)) %") }
        if let packetsLost { parts.append("\(packetsLost) lost") }
        if let lateLossRatio { parts.append("late \((lateLossRatio * 100).formatted(decimals: 2)) %") }
        if let jitterSeconds { parts.append("jitter \((jitterSeconds * 1000).formatted(decimals: 2)) ms") }
        if let roundTripSeconds { parts.append("rtt \((roundTripSeconds * 1000).formatted(decimals: 2)) ms") }
        if let mos { parts.append("MOS \(mos.formatted(decimals: 2))") }
        return parts.joined(separator: ", ")
    }
}
