/// Codec impairment values for the narrowband E-model: equipment impairment factor Ie and
/// packet-loss robustness factor Bpl (ITU-T G.113 Appendix I style values).
public struct CodecImpairment: Sendable, Equatable, Hashable, Codable {
    /// Short label for output.
    public var name: String
    /// Ie: impairment of the codec at zero loss (narrowband R scale).
    public var equipmentImpairment: Double
    /// Bpl: packet-loss robustness (larger = more robust), > 0.
    public var packetLossRobustness: Double

    public init(name: String, equipmentImpairment: Double, packetLossRobustness: Double) {
        self.name = name
        self.equipmentImpairment = equipmentImpairment
        self.packetLossRobustness = packetLossRobustness
    }

    /// G.711 without packet-loss concealment: Ie = 0, Bpl = 4.3 (ITU-T G.113 Appendix I, Table I.3).
    public static let g711 = CodecImpairment(name: "G.711", equipmentImpairment: 0, packetLossRobustness: 4.3)

    /// G.711 with Appendix I PLC: Ie = 0, Bpl = 25.1 (ITU-T G.113 Appendix I, Table I.3).
    public static let g711WithPLC = CodecImpairment(
        name: "G.711+PLC", equipmentImpairment: 0, packetLossRobustness: 25.1
    )

    /// Opus with its built-in PLC — PROVISIONAL values.
    ///
    /// TODO(source gap): ITU-T G.113 (incl. its amendments) publishes no Opus Ie/Bpl that could be
    /// found while writing this, and G.107's narrowband scale does not fit a wideband/fullband
    /// codec. Values here are labelled provisional: Ie = 2, Bpl = 16, taken from a published
    /// empirical fit for Opus narrowband CBR at 11 kbit/s with random loss (Ie ≈ 2.03,
    /// Bpl ≈ 15.95; M. Alahmadi, "Opus E-model" data set, MIT licence, 2021). Higher bitrates
    /// can only be better on the narrowband scale, so R computed with these is a conservative
    /// estimate. Replace with ITU-T values (or G.107.1 wideband modelling) when available.
    public static let opusProvisional = CodecImpairment(
        name: "Opus (provisional)", equipmentImpairment: 2, packetLossRobustness: 16
    )
}
