import Pipelines

/// The UDP leg of a ``FakeSenderNetwork``.
struct FakeDatagramLeg: SenderDatagramLeg {
    let network: FakeSenderNetwork
    func send(_ bytes: [UInt8]) async throws { try network.sendUDP(bytes) }
    var socketsClosedBySendErrors: Int { network.udpRefusals }
    func sendRTCP(_ bytes: [UInt8]) async { network.sendRTCP(bytes, recordByUDP: true) }
}
