import Transport

/// ``SenderFrameLeg`` on a ``TCPReconnectingClient``; deadlines are on the continuous clock.
package struct TCPFrameLeg: SenderFrameLeg {
    let client: TCPReconnectingClient

    package func send(_ frame: [UInt8], within deadline: Duration) -> TCPSendOutcome? {
        client.send(frame, deadline: ContinuousClock.now.advanced(by: deadline))
    }

    package var isConnected: Bool { client.isConnected }
    package var connections: Int { client.connections }
    package var counters: TCPClientCounters { client.counters }
    package func stopReconnecting() { client.stopReconnecting() }
}
