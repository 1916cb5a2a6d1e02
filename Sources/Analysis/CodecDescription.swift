/// A payload type's codec name and RTP clock rate, as far as the analysis knows them.
public struct CodecDescription: Hashable, Sendable {
    /// `opus`, `telemetry`, `PCMU`, … (the rtpmap encoding name, or the RFC 3551 name).
    public var name: String
    /// RTP clock rate, Hz (> 0).
    public var clockRateHertz: Int

    public init(name: String, clockRateHertz: Int) {
        self.name = name
        self.clockRateHertz = clockRateHertz
    }

    public static let opus = CodecDescription(name: "opus", clockRateHertz: 48_000)
    /// Jitterbug's telemetry payload (`Sources/Telemetry`), 90 kHz timestamps by default.
    public static let telemetry = CodecDescription(name: "telemetry", clockRateHertz: 90_000)

    /// Whether the payloads are Opus (case-insensitive name).
    public var isOpus: Bool { name.lowercased() == "opus" }

    /// RFC 3551 §6 static payload types (and Wireshark's clock table for them).
    public static func staticPayloadType(_ payloadType: UInt8) -> CodecDescription? {
        guard let entry = staticTable[payloadType] else { return nil }
        return CodecDescription(name: entry.0, clockRateHertz: entry.1)
    }

    static let staticTable: [UInt8: (String, Int)] = [
        0: ("PCMU", 8_000), 1: ("1016", 8_000), 2: ("G721", 8_000), 3: ("GSM", 8_000), 4: ("G723", 8_000),
        5: ("DVI4", 8_000), 6: ("DVI4", 16_000), 7: ("LPC", 8_000), 8: ("PCMA", 8_000),
        // G.722's RTP clock is 8 kHz although it samples at 16 kHz (RFC 3551 §4.5.2).
        9: ("G722", 8_000), 10: ("L16", 44_100), 11: ("L16", 44_100), 12: ("QCELP", 8_000),
        13: ("CN", 8_000), 14: ("MPA", 90_000), 15: ("G728", 8_000), 16: ("DVI4", 11_025),
        17: ("DVI4", 22_050), 18: ("G729", 8_000), 19: ("CN", 8_000), 25: ("CelB", 90_000),
        26: ("JPEG", 90_000), 28: ("nv", 90_000), 31: ("H261", 90_000), 32: ("MPV", 90_000),
        33: ("MP2T", 90_000), 34: ("H263", 90_000),
    ]

    /// Clock rates of common dynamic encodings by name, for `PT=NAME` without a rate.
    static func knownRate(name: String) -> Int? {
        switch name.lowercased() {
        case "opus": 48_000
        case "telemetry": 90_000
        case "pcmu", "pcma", "g722", "g729", "gsm", "amr", "telephone-event", "cn": 8_000
        case "amr-wb", "evs", "g7221": 16_000
        case "h264", "h265", "vp8", "vp9", "av1": 90_000
        default: nil
        }
    }
}
