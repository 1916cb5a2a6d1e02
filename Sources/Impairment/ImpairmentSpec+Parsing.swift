extension ImpairmentSpec {
    /// Parses a `--impair` spec (grammar on `ImpairmentSpec`). An empty or blank string is no
    /// impairment. Throws naming the first bad term and the forms its key accepts.
    public init(parsing text: String) throws(ImpairmentSpecError) {
        self.init()
        guard !text.allSatisfy(\.isWhitespace) else { return }
        var seen: Set<String> = []
        for rawTerm in text.split(separator: ",", omittingEmptySubsequences: false) {
            let term = String(rawTerm.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            try apply(term: term, seen: &seen)
        }
        try checkReorderHasDelay()
    }

    /// `reorder=P%` lets a packet skip the delay the others wait: with no delay and no jitter
    /// there is nothing to skip, so the term would silently do nothing.
    private func checkReorderHasDelay() throws(ImpairmentSpecError) {
        for direction in ImpairmentDirection.allCases {
            let spec = self[direction]
            for time in [Duration.zero] + spec.phases.map(\.start) {
                let parameters = spec.parameters(at: time)
                guard !parameters.reorder.isZero, parameters.delay == .zero, parameters.jitter == .zero else { continue }
                throw ImpairmentSpecError(
                    term: "reorder=\(parameters.reorder)",
                    reason: "reordering sends a packet ahead of the delay the others wait, and there is no delay or jitter\(time == .zero ? "" : " at \(SpecFormatting.duration(time))") to get ahead of",
                    expected: "reorder=P% together with delay=TIME or jitter=TIME (e.g. delay=40ms,reorder=5%)")
            }
        }
    }

    /// The accepted forms of each key, used in errors.
    static let expectedForms: [String: String] = [
        "loss": "loss=P% | loss=ge:P%/BURST | loss=ge:p=P%/r=P%[/bad=P%][/good=P%] (P: 0-100 with '%', BURST: packets >= 1)",
        "delay": "delay=TIME (TIME: number with us, ms or s, e.g. 40ms)",
        "jitter": "jitter=TIME (TIME: number with us, ms or s, e.g. 10ms)",
        "dist": "dist=uniform | dist=normal | dist=pareto",
        "inorder": "inorder (a flag without value)",
        "reorder": "reorder=P% (P: 0-100, e.g. 1%)",
        "duplicate": "duplicate=P% (P: 0-100, e.g. 0.5%)",
        "corrupt": "corrupt=P% (P: 0-100, e.g. 0.1%)",
        "rate": "rate=N(bit|kbit|mbit|gbit) | rate=unlimited (SI units, e.g. 1mbit)",
        "limit": "limit=PACKETS (whole number >= 1)",
        "blackhole": "blackhole=START+LENGTH (times, e.g. 30s+10s; not inside at=)",
        "seed": "seed=N (unsigned 64-bit integer; no up:/down:/at= prefix)",
        "at": "at=TIME:TERM (e.g. at=30s:loss=20%)",
        "up": "up:TERM | down:TERM (at most one direction prefix)",
    ]

    static let allKeys = "loss, delay, jitter, dist, inorder, reorder, duplicate, corrupt, rate, limit, blackhole, seed, at=TIME:, up:, down:"

    /// Applies one term. `seen` holds the (direction, start, key) of the terms so far: setting
    /// the same parameter twice is an error rather than a silent "last one wins".
    private mutating func apply(term: String, seen: inout Set<String>) throws(ImpairmentSpecError) {
        func fail(_ reason: String, key: String) -> ImpairmentSpecError {
            ImpairmentSpecError(term: term, reason: reason, expected: Self.expectedForms[key] ?? Self.allKeys)
        }
        guard !term.isEmpty else {
            throw ImpairmentSpecError(
                term: term, reason: "empty term (two commas in a row or a trailing comma)",
                expected: "one of " + Self.allKeys)
        }
        var rest = Substring(term.lowercased())
        var direction: ImpairmentDirection?
        var start: Duration?
        // Prefixes, in either order, at most one of each.
        while true {
            if let prefix = ImpairmentDirection.allCases.first(where: { rest.hasPrefix($0.rawValue + ":") }) {
                guard direction == nil else { throw fail("more than one direction prefix", key: "up") }
                direction = prefix
                rest = rest.dropFirst(prefix.rawValue.count + 1)
            } else if rest.hasPrefix("at=") {
                guard start == nil else { throw fail("more than one at= prefix", key: "at") }
                guard let colon = rest.firstIndex(of: ":") else { throw fail("at= needs ':TERM' after the time", key: "at") }
                do {
                    start = try SpecValueParser.duration(rest[rest.index(rest.startIndex, offsetBy: 3)..<colon])
                } catch {
                    throw fail(error.reason, key: "at")
                }
                rest = rest[rest.index(after: colon)...]
            } else {
                break
            }
        }
        let pieces = rest.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let key = String(pieces[0])
        let value = pieces.count > 1 ? pieces[1] : nil
        let directions = direction.map { [$0] } ?? ImpairmentDirection.allCases
        if key != "blackhole" {
            let slot = "\(direction?.rawValue ?? "both")|\(start.map { "\($0)" } ?? "")|\(key)"
            guard seen.insert(slot).inserted else {
                throw fail("'\(key)' is set twice; give each parameter once (use at=TIME: for a later change)", key: key)
            }
        }

        do {
            switch key {
            case "seed":
                guard direction == nil, start == nil else {
                    throw SpecValueError(reason: "the seed is global: no up:/down:/at= prefix")
                }
                seed = try SpecValueParser.seed(try Self.required(value))
            case "blackhole":
                guard start == nil else {
                    throw SpecValueError(reason: "a blackhole already has its own start time; it cannot be inside at=")
                }
                let window = try SpecValueParser.blackhole(try Self.required(value))
                for d in directions { self[d].addBlackhole(window) }
            default:
                guard Self.expectedForms[key] != nil, key != "at", key != "up" else {
                    throw ImpairmentSpecError(
                        term: term, reason: key.isEmpty ? "missing parameter name" : "unknown parameter '\(key)'",
                        expected: "one of " + Self.allKeys)
                }
                let overrides = try Self.parseParameter(key: key, value: value)
                for d in directions {
                    if let start {
                        self[d].addPhase(overrides, at: start)
                    } else {
                        self[d].base.apply(overrides)
                    }
                }
            }
        } catch let error as SpecValueError {
            throw fail(error.reason, key: key)
        } catch let error as ImpairmentSpecError {
            throw error
        } catch {
            throw fail("\(error)", key: key)
        }
    }

    private static func required(_ value: Substring?) throws(SpecValueError) -> Substring {
        guard let value, !value.isEmpty else { throw SpecValueError(reason: "missing value after '='") }
        return value
    }

    private static func parseParameter(key: String, value: Substring?) throws(SpecValueError) -> ParameterOverrides {
        var o = ParameterOverrides()
        if key == "inorder" {
            guard value == nil else { throw SpecValueError(reason: "inorder takes no value") }
            o.inOrder = true
            return o
        }
        let value = try required(value)
        switch key {
        case "loss": o.loss = try parseLoss(value)
        case "delay": o.delay = try SpecValueParser.duration(value)
        case "jitter": o.jitter = try SpecValueParser.duration(value)
        case "dist":
            guard let d = DelayDistribution(rawValue: String(value)) else {
                throw SpecValueError(reason: "unknown distribution '\(value)'")
            }
            o.distribution = d
        case "reorder": o.reorder = try SpecValueParser.probability(value)
        case "duplicate": o.duplicate = try SpecValueParser.probability(value)
        case "corrupt": o.corrupt = try SpecValueParser.probability(value)
        case "rate": o.rate = try SpecValueParser.rate(value)
        case "limit": o.queueLimitPackets = try SpecValueParser.packetCount(value)
        default: throw SpecValueError(reason: "unknown parameter '\(key)'")
        }
        return o
    }

    private static func parseLoss(_ value: Substring) throws(SpecValueError) -> LossModel {
        guard value.hasPrefix("ge:") else {
            let p = try SpecValueParser.probability(value)
            return p.isZero ? .none : .bernoulli(p)
        }
        let body = value.dropFirst(3)
        let fields = body.split(separator: "/", omittingEmptySubsequences: false)
        if !body.contains("=") {
            guard fields.count == 2 else { throw SpecValueError(reason: "ge: needs LOSS%/BURST") }
            let loss = try SpecValueParser.probability(fields[0])
            let milli = try SpecValueParser.fixedPoint(fields[1], fractionDigits: 3)
            guard milli >= 1000 else { throw SpecValueError(reason: "mean burst length must be at least 1 packet") }
            guard !loss.isZero, loss < .one else { throw SpecValueError(reason: "ge: loss must be between 0% and 100% exclusive") }
            // p = L / ((1-L)·B) must not exceed 1. A product that overflows is far above the
            // left side (at most 10^9), so the burst is long enough.
            let (rightSide, overflow) = (1_000_000 - loss.partsPerMillion).multipliedReportingOverflow(by: milli)
            guard overflow || loss.partsPerMillion * 1000 <= rightSide else {
                throw SpecValueError(reason: "loss \(loss) is unreachable with mean burst \(fields[1]) (needs L <= B/(B+1))")
            }
            return .gilbertElliottMeanBurst(loss: loss, meanBurstPackets: Double(milli) / 1000)
        }
        var named: [String: Probability] = [:]
        for field in fields {
            let kv = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2, ["p", "r", "bad", "good"].contains(String(kv[0])) else {
                throw SpecValueError(reason: "'\(field)' is not one of p=P%, r=P%, bad=P%, good=P%")
            }
            guard named[String(kv[0])] == nil else { throw SpecValueError(reason: "'\(kv[0])' given twice") }
            named[String(kv[0])] = try SpecValueParser.probability(kv[1])
        }
        guard let p = named["p"], let r = named["r"] else { throw SpecValueError(reason: "ge: needs both p= and r=") }
        return .gilbertElliott(.init(
            goodToBad: p, badToGood: r, lossInBad: named["bad"] ?? .one, lossInGood: named["good"] ?? .zero))
    }
}
