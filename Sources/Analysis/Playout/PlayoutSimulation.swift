import Stats

/// Replays one stream's arrivals, online and in capture order, through each policy; memory is
/// bounded by the buffers and histograms (1 ms grids of at most ±10 s), not by the stream's length.
///
/// **Clock.** Simulated time is the capture's arrival time made monotonic (see ``ArrivalTracker``);
/// media time is `(ts − first ts) / clockRateHertz` with timestamps unwrapped. A packet's *transit*
/// is `arrival − media time`; only differences of transits mean anything (the sender's clock has
/// an unknown offset), so every delay is stated above the *fastest packet*: the smallest transit
/// of the stream (known in hindsight, at `finish()`).
///
/// **Playout delay** of a frame played from data: the instant it leaves the buffer minus the
/// instant it would have arrived had it been as fast as the fastest packet
/// (`media time + smallest transit`). The same definition for every policy, so they compare:
/// a fixed buffer's is constant, `D + first transit − smallest transit`. Mean is exact; p99 is the
/// lower edge of its 1 ms bucket. Concealed frames do not count (nothing of theirs left).
///
/// **Counts.** *Received*: distinct sequence numbers (duplicates removed over a 4 096-packet
/// window). *Late loss*: received packets that arrived after their playout instant, % of received.
/// *Concealed*: frames concealed because their packet was lost in the network or late (the
/// adaptive buffer's FEC rebuilds are not concealed; Opus decode failures are, when a WAV is
/// written: only then are payloads decoded, decoding being the replay's dominant cost), % of the
/// frames from the first to the last sequence number.
///
/// **E-model** (ITU-T G.107 through `Stats.EModel`): effective loss Ppl = concealed % (network +
/// late loss, as the listener heard it), BurstR = 1 (random loss); mouth-to-ear delay Ta = mean
/// playout delay + ``mouthToEarExtraMilliseconds`` (40 ms unless given: one 20 ms frame of
/// packetisation, ~5 ms of codec look-ahead and decoding, and 15 ms for the fastest packet's
/// network transit, which one capture point cannot measure). Codec: Opus (provisional values)
/// when the payloads are Opus, otherwise G.711 with PLC, unless given.
///
/// **Policies.** `fixed(D)`: see ``FixedPlayout``. `adaptive`: see ``AdaptiveReplay``; it starts
/// once the frame duration is known (at most 8 packets are held for that), which changes nothing
/// in the replay as it is a pure function of arrivals and ticks.
public struct PlayoutSimulation {
    public let policies: [PlayoutPolicy]
    /// RTP clock rate, Hz.
    public let clockRateHertz: Int
    /// Payloads are Opus (decoded, FEC and DTX honoured by the adaptive replay).
    public let decodeOpus: Bool
    /// Where the adaptive replay's decoded audio goes (48 kHz mono WAV); with `decodeOpus` only.
    public let wavPath: String?
    /// E-model codec impairment.
    public let codec: CodecImpairment
    /// Added to the mean playout delay for the E-model's mouth-to-ear delay, ms.
    public let mouthToEarExtraMilliseconds: Double

    var tracker: ArrivalTracker
    /// Transit of every received packet, relative to the first packet's (ns, 1 ms grid).
    var transit = MillisecondHistogram()
    /// Smallest relative transit seen, ns (exact; the first packet's is 0).
    var minimumTransitNanoseconds: Int64 = 0
    /// One per `.fixed` policy, in policy order.
    var fixedPlayouts: [FixedPlayout]
    /// `tick − media time` of the fixed buffers' played frames, ns, parallel to `fixedPlayouts`.
    var fixedOffsets: [MillisecondHistogram]
    var adaptive: AdaptiveReplay?
    /// Whether ``adaptive`` is set (asked per packet; see `replay`).
    var adaptiveStarted = false
    /// Whether the policies include the adaptive buffer (asked per packet).
    let replaysAdaptive: Bool
    var held: [HeldArrival] = []
    var finished = false
    /// The first error of the adaptive replay's audio output, thrown by `finish()`.
    var deferredError: (any Error)?

    /// - Parameters:
    ///   - clockRateHertz: the RTP clock rate, 1 000 ... 1 000 000 Hz.
    ///   - decodeOpus: the payloads are Opus: the adaptive replay flags in-band FEC and DTX as the
    ///     receiver does, and with `wavPath` decodes them (PLC, FEC).
    ///   - wavPath: with `decodeOpus`, where the adaptive buffer's playout is written (48 kHz WAV).
    ///   - codec: E-model impairment; nil takes Opus (provisional) or G.711 with PLC.
    ///   - mouthToEarExtraMilliseconds: added to the playout delay for the E-model (see the type).
    /// - Throws: ``PlayoutSimulationError`` for a bad clock rate; `MediaError` when the WAV
    ///   cannot be created; `OpusError` when the decoder cannot be.
    public init(
        policies: [PlayoutPolicy], clockRateHertz: Int, decodeOpus: Bool, wavPath: String?,
        codec: CodecImpairment? = nil, mouthToEarExtraMilliseconds: Double = 40
    ) throws {
        guard (1_000...1_000_000).contains(clockRateHertz) else { throw PlayoutSimulationError.invalidClockRate(clockRateHertz) }
        self.policies = policies
        self.clockRateHertz = clockRateHertz
        self.decodeOpus = decodeOpus
        self.wavPath = decodeOpus ? wavPath : nil
        self.codec = codec ?? (decodeOpus ? .opusProvisional : .g711WithPLC)
        self.mouthToEarExtraMilliseconds = mouthToEarExtraMilliseconds
        tracker = ArrivalTracker(clockRateHertz: clockRateHertz)
        replaysAdaptive = policies.contains(.adaptive)
        fixedPlayouts = policies.compactMap {
            if case .fixed(let delay) = $0 { FixedPlayout(delayMilliseconds: delay) } else { nil }
        }
        fixedOffsets = Array(repeating: MillisecondHistogram(), count: fixedPlayouts.count)
        if decodeOpus, let wavPath, policies.contains(.adaptive) {
            // Created now so that an unwritable path fails before the capture is read.
            _ = try OpusPlayoutRenderer(wavPath: wavPath, frameSamples: 960)
        }
    }

    /// One packet of the stream as the capture saw it (duplicates and reordering included).
    /// An error writing the WAV stops the adaptive replay's audio and is thrown by `finish()`.
    public mutating func arrival(
        sequenceNumber: UInt16, timestamp: UInt32, marker: Bool, arrivalNanoseconds: Int64, payload: ArraySlice<UInt8>
    ) {
        do {
            try replay(sequenceNumber: sequenceNumber, timestamp: timestamp, arrivalNanoseconds: arrivalNanoseconds, payload: payload)
        } catch {
            if deferredError == nil { deferredError = error }
        }
    }

    private mutating func replay(
        sequenceNumber: UInt16, timestamp: UInt32, arrivalNanoseconds: Int64, payload: ArraySlice<UInt8>
    ) throws {
        guard !finished, deferredError == nil else { return }
        let observation = tracker.observe(sequenceNumber: sequenceNumber, timestamp: timestamp, arrivalNanoseconds: arrivalNanoseconds)
        if let observation {
            let relative = observation.relativeTransitNanoseconds
            transit.add(nanoseconds: relative)
            minimumTransitNanoseconds = min(minimumTransitNanoseconds, relative)
            for index in fixedPlayouts.indices {
                if let playout = fixedPlayouts[index].arrival(observation) {
                    fixedOffsets[index].add(nanoseconds: playout - observation.mediaNanoseconds)
                }
            }
        }
        guard replaysAdaptive else { return }
        let now = tracker.nowNanoseconds
        let extendedTimestamp = observation?.extendedTimestamp ?? tracker.extendedTimestamp(timestamp)
        // Not `adaptive != nil`: that comparison takes the whole replay (buffer and all) by value.
        if adaptiveStarted {
            try adaptive?.arrival(
                sequenceNumber: sequenceNumber, timestamp: timestamp, extendedTimestamp: extendedTimestamp,
                arrivalNanoseconds: now, payload: payload)
            return
        }
        held.append(
            HeldArrival(
                sequenceNumber: sequenceNumber, timestamp: timestamp, extendedSequence: observation?.extendedSequence,
                extendedTimestamp: extendedTimestamp, arrivalNanoseconds: now, payload: Array(payload)))
        if held.count >= Self.frameDetectionPackets || (decodeOpus && !payload.isEmpty && payload.count > 2) {
            try startAdaptive()
        }
    }

    /// Creates the adaptive replay and hands it the held packets.
    mutating func startAdaptive() throws {
        guard !adaptiveStarted, let first = held.first else { return }
        let frame = Self.frameNanoseconds(of: held, clockRateHertz: clockRateHertz, opusPayloads: decodeOpus)
        // Decoding costs more than everything else here; it is done only for the WAV.
        let renderer = try wavPath.map { try OpusPlayoutRenderer(wavPath: $0, frameSamples: Int(frame * 48_000 / 1_000_000_000)) }
        var replay = try AdaptiveReplay(
            clockRateHertz: clockRateHertz, frameNanoseconds: frame, timestampOrigin: first.extendedTimestamp,
            opusPayloads: decodeOpus, renderer: renderer)
        for packet in held {
            try replay.arrival(
                sequenceNumber: packet.sequenceNumber, timestamp: packet.timestamp,
                extendedTimestamp: packet.extendedTimestamp, arrivalNanoseconds: packet.arrivalNanoseconds,
                payload: packet.payload[...])
        }
        held.removeAll()
        adaptive = replay
        adaptiveStarted = true
    }
}
