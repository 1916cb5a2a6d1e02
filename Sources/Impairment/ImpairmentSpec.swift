/// A parsed `--impair SPEC`: what the path does to packets, per direction, over time.
///
/// Grammar (case-insensitive, whitespace around terms ignored):
///
///     SPEC   := "" | TERM ("," TERM)*
///     TERM   := [DIR ":"] ["at=" TIME ":"] BODY | "seed=" UINT64
///     DIR    := "up" | "down"                 (no prefix: both directions)
///     BODY   := "loss=" LOSS | "delay=" TIME | "jitter=" TIME | "dist=" ("uniform"|"normal"|"pareto")
///             | "inorder" | "reorder=" P | "duplicate=" P | "corrupt=" P
///             | "rate=" RATE | "limit=" PACKETS | "blackhole=" TIME "+" TIME   (blackhole: not with at=)
///     LOSS   := P | "ge:" P "/" BURST | "ge:p=" P "/r=" P ["/bad=" P] ["/good=" P]
///     P      := DECIMAL "%"          (0...100, up to 4 decimals; a bare number is an error)
///     TIME   := DECIMAL ("us"|"ms"|"s")   (resolution 1 us)
///     RATE   := DECIMAL ("bit"|"kbit"|"mbit"|"gbit") | "unlimited"   (SI: 1kbit = 1000 bit/s)
///     BURST  := DECIMAL              (mean loss-burst length in packets, ≥ 1, up to 3 decimals)
///
/// Semantics:
/// - A later term for the same parameter and direction replaces an earlier one.
/// - `at=T:TERM` sets that parameter from send time T on (inclusive); several `at=` terms with
///   the same T form one phase; phases apply in time order on top of the base terms; a phase
///   lasts until a later phase sets the same parameter again (e.g. `at=60s:loss=0%`).
/// - `loss=ge:L%/B` is a simple Gilbert model (all packets lost in Bad, none in Good) with
///   r = 1/B and p = r·L/(1-L); see `LossModel`. The raw form uses `/` between its fields
///   because `,` separates terms: `loss=ge:p=1%/r=30%/bad=100%/good=0%` (bad/good are netem's
///   1-h and 1-k: the loss probability in each state; defaults 100% and 0%).
/// - `reorder=P%` sends that fraction of packets immediately (no delay or jitter), like netem.
/// - `seed=N` seeds every random draw; an engine's seed override wins over it.
public struct ImpairmentSpec: Sendable, Hashable {
    /// Client → server (or the only direction of a one-way sender).
    public var up: DirectionSpec
    /// Server → client.
    public var down: DirectionSpec
    /// Seed from `seed=N`, if given.
    public var seed: UInt64?

    /// No impairment.
    public init() {
        up = DirectionSpec()
        down = DirectionSpec()
        seed = nil
    }

    public init(up: DirectionSpec, down: DirectionSpec, seed: UInt64? = nil) {
        self.up = up
        self.down = down
        self.seed = seed
    }

    /// The spec of one direction.
    public subscript(direction: ImpairmentDirection) -> DirectionSpec {
        get { direction == .up ? up : down }
        set {
            if direction == .up { up = newValue } else { down = newValue }
        }
    }

    /// True when neither direction impairs anything (a seed alone impairs nothing).
    public var isEmpty: Bool { up.isEmpty && down.isEmpty }
}
