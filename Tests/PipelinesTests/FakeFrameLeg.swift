import Pipelines
import Transport

/// The TCP leg of a ``FakeSenderNetwork``.
struct FakeFrameLeg: SenderFrameLeg {
    let network: FakeSenderNetwork
    func send(_ frame: [UInt8], within deadline: Duration) -> TCPSendOutcome? { network.sendTCP(frame, within: deadline) }
    var isConnected: Bool { network.isConnected }
    var connections: Int { network.connections }
    var counters: TCPClientCounters { network.counters }
    func stopReconnecting() { network.stopReconnecting() }
}
