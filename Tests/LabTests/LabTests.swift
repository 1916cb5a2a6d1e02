import Lab
#if os(Linux)
import Impairment
import Testing

/// Lab pieces that need no privileges: prerequisite messages, header parsing, counters, names.
@Suite struct LabTests {
    static let allCapabilities: UInt64 = 0x1FF_FFFF_FFFF
    static let searched = ["/usr/local/bin", "/usr/sbin", "/sbin"]

    static func probe(
        uid: UInt32 = 0, caps: UInt64? = allCapabilities, tun: Bool = true, tunError: String? = nil,
        ip: String? = "/usr/sbin/ip"
    ) -> LabPrerequisites {
        LabPrerequisites(
            effectiveUserID: uid, effectiveCapabilities: caps, tunDeviceExists: tun, tunDeviceOpenError: tunError,
            ipCommandPath: ip, searchedDirectories: searched)
    }

    @Test func nonRootWithoutCapabilitiesIsToldBothMissingCapabilities() throws {
        let error = #expect(throws: LabError.self) { try Self.probe(uid: 1000, caps: 0).check() }
        #expect(error == .missingCapabilities(["CAP_NET_ADMIN", "CAP_SYS_ADMIN"], effectiveUserID: 1000))
        let text = try #require(error).description
        #expect(text.contains("needs CAP_NET_ADMIN and CAP_SYS_ADMIN"))
        #expect(text.contains("running as uid 1000"))
        #expect(text.contains("sudo jitterbug lab"))
    }

    @Test func rootInAContainerWithoutNetAdminIsToldExactlyThat() throws {
        // CapEff with only CAP_SYS_ADMIN (bit 21).
        let error = #expect(throws: LabError.self) { try Self.probe(uid: 0, caps: 1 << 21).check() }
        #expect(error == .missingCapabilities(["CAP_NET_ADMIN"], effectiveUserID: 0))
        #expect(try #require(error).description.contains("running as root but its effective capabilities lack CAP_NET_ADMIN"))
    }

    @Test func unreadableCapabilitiesFallBackToTheUserID() throws {
        #expect(Self.probe(uid: 0, caps: nil).missingCapabilities.isEmpty)
        #expect(Self.probe(uid: 501, caps: nil).missingCapabilities == ["CAP_NET_ADMIN", "CAP_SYS_ADMIN"])
    }

    @Test func missingTunDeviceNamesTheDeviceAndTheFix() throws {
        let error = #expect(throws: LabError.self) { try Self.probe(tun: false).check() }
        #expect(error == .missingTunDevice(path: "/dev/net/tun"))
        let text = try #require(error).description
        #expect(text.contains("/dev/net/tun, which does not exist"))
        #expect(text.contains("modprobe tun"))
    }

    @Test func unopenableTunDeviceGivesTheReason() throws {
        let error = #expect(throws: LabError.self) { try Self.probe(tunError: "Permission denied").check() }
        #expect(try #require(error).description == "jitterbug lab cannot open /dev/net/tun: Permission denied. It needs read/write access (root).")
    }

    @Test func missingIPCommandListsWhereItLooked() throws {
        let error = #expect(throws: LabError.self) { try Self.probe(ip: nil).check() }
        #expect(error == .missingIPCommand(searched: Self.searched))
        let text = try #require(error).description
        #expect(text.contains("iproute2"))
        #expect(text.contains("/usr/local/bin, /usr/sbin, /sbin"))
    }

    @Test func completePrerequisitesReturnTheIPPath() throws {
        #expect(try Self.probe().check() == "/usr/sbin/ip")
    }

    @Test func startWithoutPrivilegesThrowsBeforeCreatingAnything() throws {
        let options = ImpairmentLab.Options(handleInterrupts: false, prerequisites: Self.probe(uid: 1000, caps: 0))
        let error = #expect(throws: LabError.self) { try ImpairmentLab.start(spec: ImpairmentSpec(), options: options) }
        #expect(error == .missingCapabilities(["CAP_NET_ADMIN", "CAP_SYS_ADMIN"], effectiveUserID: 1000))
    }

    /// IPv4 (IHL 5, DF) + UDP 40000 → 5004, from 192.0.2.1 to 192.0.2.2.
    static let udpPacket: [UInt8] = [
        0x45, 0x00, 0x00, 0x20, 0x12, 0x34, 0x40, 0x00, 64, 17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2,
        0x9C, 0x40, 0x13, 0x8C, 0x00, 0x0C, 0x00, 0x00, 1, 2, 3, 4,
    ]

    @Test func summaryReadsProtocolAndPortsOfAUDPPacket() {
        let summary = LabPacketSummary(packet: Self.udpPacket)
        #expect(summary == LabPacketSummary(ipProtocol: 17, sourcePort: 40000, destinationPort: 5004))
        #expect(summary.protocolName == "udp")
    }

    @Test func summarySkipsIPOptionsBeforeTheTCPPorts() {
        // IHL 6: a 4-byte option (NOP NOP NOP EOL) before TCP 443 → 51000.
        var packet: [UInt8] = [0x46, 0, 0, 44, 0, 0, 0, 0, 64, 6, 0, 0, 192, 0, 2, 2, 192, 0, 2, 1, 1, 1, 1, 0]
        packet += [0x01, 0xBB, 0xC7, 0x38] + [UInt8](repeating: 0, count: 16)
        #expect(LabPacketSummary(packet: packet) == LabPacketSummary(ipProtocol: 6, sourcePort: 443, destinationPort: 51000))
    }

    @Test func laterFragmentsShortPacketsAndIPv6HaveNoPorts() {
        var fragment = Self.udpPacket
        fragment[6] = 0x00
        fragment[7] = 0xB9  // offset 185 × 8 bytes
        #expect(LabPacketSummary(packet: fragment) == LabPacketSummary(ipProtocol: 17, sourcePort: nil, destinationPort: nil))
        #expect(LabPacketSummary(packet: Array(Self.udpPacket.prefix(22))).sourcePort == nil)
        #expect(LabPacketSummary(packet: Array(Self.udpPacket.prefix(19))).isIPv4 == false)
        let ipv6: [UInt8] = [0x60] + [UInt8](repeating: 0, count: 47)
        #expect(LabPacketSummary(packet: ipv6).protocolName == "non-ipv4")
        #expect(LabPacketSummary(ipProtocol: 47, sourcePort: nil, destinationPort: nil).protocolName == "ip-47")
    }

    @Test func recordLinePutsDirectionAndPortsBeforeTheEngineFields() {
        let record = GroundTruthRecord(
            index: 3, sendMicroseconds: 1500, sizeBytes: 32, fate: .dropped, reason: .random,
            delayMicroseconds: [], duplicated: false, corrupted: false, corruptions: [])
        let line = LabPacketRecord(direction: .up, packet: LabPacketSummary(packet: Self.udpPacket), record: record).jsonLine
        #expect(line == "{\"dir\":\"up\",\"proto\":\"udp\",\"src_port\":40000,\"dst_port\":5004,\"index\":3,\"send_us\":1500,"
            + "\"size_bytes\":32,\"fate\":\"dropped\",\"reason\":\"random\",\"delay_us\":[],\"duplicated\":false,"
            + "\"corrupted\":false,\"corruption\":[]}")
        let icmp = LabPacketRecord(direction: .down, packet: LabPacketSummary(ipProtocol: 1, sourcePort: nil, destinationPort: nil), record: record)
        #expect(icmp.jsonLine.hasPrefix("{\"dir\":\"down\",\"proto\":\"icmp\",\"src_port\":null,\"dst_port\":null,\"index\":3,"))
    }

    @Test func snmpParserPairsHeaderAndValueLines() {
        let text = """
            Ip: Forwarding DefaultTTL InReceives
            Ip: 2 64 1234
            Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors
            Tcp: 1 200 120000 -1 5 0 1 0 0 1520 1980 37 0 2 0
            Udp: InDatagrams NoPorts
            Udp: 1900 3
            """
        let counters = LabSNMPCounters(parsing: text)
        #expect(counters.tcpRetransmittedSegments == 37)
        #expect(counters["Tcp", "MaxConn"] == -1)
        #expect(counters["Udp", "NoPorts"] == 3)
        #expect(counters["Ip", "InReceives"] == 1234)
        #expect(counters["Icmp", "InMsgs"] == nil)
        #expect(LabSNMPCounters(parsing: "").tcpRetransmittedSegments == nil)
    }

    @Test func namespaceNamesEncodeTheOwnerPID() {
        let names = LabNamespaces.names(pid: 4242, serial: 7)
        #expect(names.sender == "jblab-4242-7-s")
        #expect(names.receiver == "jblab-4242-7-r")
        #expect(LabNamespaces.ownerPID(ofNamespace: "jblab-4242-7-r") == 4242)
        for other in ["jblab-x-1-s", "jblab-12-1-q", "jblab-12-s", "jblab-12-a-s", "netns1", "jbbench-12-0-s"] {
            #expect(LabNamespaces.ownerPID(ofNamespace: other) == nil, "\(other)")
        }
    }

    @Test func onlyLabNamespacesOfDeadProcessesAreStale() {
        let names = ["jblab-10-0-s", "jblab-10-0-r", "jblab-11-0-s", "mine", "jblab-zz-0-s"]
        let stale = LabNamespaces.staleNamespaces(in: names) { $0 == 11 }
        #expect(stale == ["jblab-10-0-s", "jblab-10-0-r"])
    }
}
#endif
