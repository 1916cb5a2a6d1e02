import Reports
import Pipelines

extension ReceiverMetrics {
    /// Updates every metric from a receiver summary.
    package func update(from summary: ReceiverSummary) {
        setTotal("jitterbug_packets_received_total", summary.packets)
        setTotal("jitterbug_packets_expected_total", summary.expectedPackets)
        setTotal("jitterbug_packets_lost_total", summary.lostPackets)
        setTotal("jitterbug_packets_late_total", summary.latePackets)
        setTotal("jitterbug_packets_duplicate_total", summary.duplicatePackets)
        setTotal("jitterbug_packets_out_of_order_total", summary.outOfOrder)
        setTotal("jitterbug_frames_concealed_total", Int64(summary.framesConcealed))
        setTotal("jitterbug_frames_fec_total", Int64(summary.framesRecoveredByFEC))
        setGauge("jitterbug_jitter_seconds", summary.jitterMilliseconds / 1000)
        setTotal("jitterbug_sequence_restarts_total", summary.sequenceRestarts)
        setTotal("jitterbug_packets_bad_sequence_total", summary.badSequencePackets)
        setTotal("jitterbug_packets_wrong_timestamp_total", summary.wrongTimestampPackets)
        setTotal("jitterbug_packets_empty_payload_total", summary.emptyPayloadPackets)
        setGauge("jitterbug_buffer_target_delay_seconds", summary.targetDelayMilliseconds / 1000)
        setGauge("jitterbug_buffer_playout_delay_seconds", summary.playoutDelayMilliseconds.map { $0 / 1000 })
        setGauge("jitterbug_rtt_seconds", summary.roundTripMilliseconds.map { $0 / 1000 })
        setGauge("jitterbug_one_way_delay_p50_seconds", summary.oneWayDelayP50Milliseconds.map { $0 / 1000 })
        setGauge("jitterbug_one_way_delay_p99_seconds", summary.oneWayDelayP99Milliseconds.map { $0 / 1000 })
        setGauge("jitterbug_mos_estimate", summary.mos)
        for (reason, total) in summary.rejected { setRejected(reason: reason, total: total) }
        setGauge("jitterbug_streams", Double(summary.streamCount))
        if let tcp = summary.tcpListener {
            setTotal("jitterbug_tcp_connections_accepted_total", Int64(tcp.accepted))
            setTotal("jitterbug_tcp_connections_refused_total", Int64(tcp.refusedOverLimit))
            setTotal("jitterbug_tcp_connections_closed_silent_total", Int64(tcp.closedSilent))
            setTotal("jitterbug_tcp_connections_closed_idle_total", Int64(tcp.closedIdle))
            setTotal("jitterbug_tcp_connections_closed_oversize_total", Int64(tcp.closedOversize))
            setTotal("jitterbug_tcp_connections_closed_not_rtp_total", Int64(tcp.closedNotRTP))
            setGauge("jitterbug_tcp_connections_open", Double(tcp.open))
        }
        if let capturePackets = summary.capturePackets {
            setTotal("jitterbug_capture_packets_total", Int64(capturePackets))
            setTotal("jitterbug_capture_bytes_total", summary.captureBytes ?? 0)
            setTotal("jitterbug_capture_dropped_total", Int64(summary.captureDropped ?? 0))
        }
        for stream in summary.streams ?? [summary] {
            guard let name = stream.stream else { continue }
            streams.update(
                stream: name, received: stream.packets, lost: stream.lostPackets, late: stream.latePackets,
                jitterSeconds: stream.jitterMilliseconds / 1000)
        }
    }
}
