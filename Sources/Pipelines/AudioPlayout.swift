import JitterBuffer
import Media
import Opus
import Reports
import Stats

/// The primary stream's playout path: jitter buffer → Opus decoder (play, FEC, PLC) → samples.
///
/// Concealment after the last real frame is held back rather than written, so a stream that
/// simply ends does not leave a tail of synthesised audio; it is written as soon as a real
/// frame follows it. Held frames cost one array per frame only while the fade is audible;
/// fully faded frames are kept as a count.
struct AudioPlayout {
    var jitterBuffer: JitterBuffer
    /// `nil` when measuring only: frames are counted, no samples are made.
    let decoder: OpusDecoder?
    /// Samples per channel per frame at the output rate.
    let frameSamples: Int
    let channels: Int
    /// Concealment not yet written, in order: audible frames, and runs of silent frames as counts.
    private var held: [HeldFrames] = []
    private var heldAudibleFrames = 0
    /// Frames written by outcome, for the summary (held concealment counts once written).
    private(set) var framesDecoded = 0
    private(set) var framesFromFEC = 0
    private(set) var framesConcealed = 0
    private(set) var framesComfortSilence = 0
    private(set) var decodeErrors = 0
    private(set) var samplesWritten = 0
    /// Frames concealed to grow the delay (a PLC frame on an underrun or a large deficit).
    private(set) var framesStretched = 0
    /// Moves the playout point by pitch periods on decoded frames (nil when measuring only).
    private var timeScaler: TimeScaler?
    /// Splices the time-scaler refused: the frame was audible and not periodic enough (a splice
    /// could be heard), or too short for two periods. The delay stays off target meanwhile.
    private(set) var declinedNotPeriodic: Int64 = 0
    private(set) var declinedTooShort: Int64 = 0
    /// Output sample rate, Hz (frame samples over frame duration).
    let sampleRate: Int
    /// Preallocated block for preemptive expand (a frame plus the longest period).
    private var expandBlock: [Int16] = []
    /// Per-frame received/lost sequence for RFC 3611 burst/gap metrics (Gmin 16).
    private(set) var lossPattern = LossPatternAnalyzer()
    private var pendingLosses = 0
    /// Stretch concealment not yet followed by a real frame (see `commitPendingLosses`).
    private var pendingStretched = 0
    /// The buffer's underrun hold ticks, less the lost frames they stood in for, up to the last
    /// real frame.
    private var committedHoldTicks: Int64 = 0

    private mutating func commitPendingLosses() {
        for _ in 0..<pendingLosses { lossPattern.record(.lost) }
        pendingLosses = 0
        // Stretch frames and underrun holds count once written too: the buffer holds its slot
        // after a stream's last packet until the stream ends, and that was never heard.
        framesStretched += pendingStretched
        pendingStretched = 0
        let counts = jitterBuffer.timeScalingCounts
        committedHoldTicks = counts.underrunHoldTicks - counts.underrunHoldCoveredLostFrames
    }

    init(jitterBuffer: JitterBuffer, decoder: OpusDecoder?, channels: Int, frameSamples: Int) {
        self.jitterBuffer = jitterBuffer
        self.decoder = decoder
        self.frameSamples = frameSamples
        self.channels = decoder?.channels ?? channels
        let frame = jitterBuffer.configuration.frameDuration.components
        let frameNanoseconds = max(1, frame.seconds * 1_000_000_000 + frame.attoseconds / 1_000_000_000)
        sampleRate = decoder?.sampleRate ?? Int(Int64(frameSamples) * 1_000_000_000 / frameNanoseconds)
        if decoder != nil {
            let scaler = TimeScaler(sampleRate: sampleRate, channels: self.channels, maximumBlockSamples: frameSamples)
            expandBlock.reserveCapacity((frameSamples + scaler.maximumLag) * self.channels)
            timeScaler = scaler
            self.jitterBuffer.enableTimeScaling()
        }
    }

    /// Moves the playout point towards the buffer's target by one pitch period of `samples`:
    /// accelerate when above target by at least the shortest period (removing at most the
    /// excess), preemptive expand when below it (inserting at most the deficit). Returns true
    /// when the block to write is ``expandBlock`` rather than `samples`.
    private mutating func timeScale(_ samples: inout [Int16]) -> Bool {
        guard var scaler = timeScaler else { return false }
        defer { timeScaler = scaler }
        let errorSamples = Int(jitterBuffer.delayErrorNanoseconds * Int64(sampleRate) / 1_000_000_000)
        if errorSamples >= scaler.minimumLag {
            let result = scaler.accelerate(&samples, maximumSamples: errorSamples)
            if result.applied {
                jitterBuffer.recordTimeScaling(samplesPerChannel: -result.samplesPerChannel, sampleRate: sampleRate)
            }
            countDecline(result.declined)
        } else if -errorSamples >= scaler.minimumLag {
            expandBlock.removeAll(keepingCapacity: true)
            expandBlock.append(contentsOf: samples)
            let result = scaler.preemptiveExpand(&expandBlock, maximumSamples: -errorSamples)
            if result.applied {
                jitterBuffer.recordTimeScaling(samplesPerChannel: result.samplesPerChannel, sampleRate: sampleRate)
                return true
            }
            countDecline(result.declined)
        }
        return false
    }

    /// Counts a splice the time-scaler refused (the frame was played unchanged).
    private mutating func countDecline(_ declined: TimeScaleResult.Declined?) {
        switch declined {
        case .notPeriodic?: declinedNotPeriodic += 1
        case .tooShort?: declinedTooShort += 1
        case nil: break
        }
    }

    /// Net time-scaling so far, ns: inserted by expand minus removed by accelerate; nil when
    /// nothing is time-scaled (measuring only).
    var netScalingNanoseconds: Int64? {
        guard timeScaler != nil else { return nil }
        let counts = jitterBuffer.timeScalingCounts
        return counts.expandedNanoseconds - counts.acceleratedNanoseconds
    }

    /// Plays every frame due at `now`, passing finished samples to `write`.
    ///
    /// Each frame is popped at its own due time, not at `now`: the playout clock is the frame
    /// schedule, so a late wake-up of the caller does not look like extra buffering to the
    /// jitter buffer (which would then discard a frame to shrink).
    mutating func tick(now: Duration, write: ([Int16]) throws -> Void) throws {
        var guardCount = 0
        // `nextPlayoutTime()` reads the buffer in place (PlayoutDueTime.swift).
        while let due = nextPlayoutTime(), due <= now, guardCount < 64 {
            guardCount += 1
            guard let frame = jitterBuffer.pop(now: due) else { break }
            try render(frame, write: write)
        }
    }

    /// Time-scaling, stretch concealment, mean playout delay and drift for the summary; nil
    /// when measuring only (nothing is decoded, so nothing is time-scaled).
    func scalingSummary(frameMilliseconds: Double) -> PlayoutScalingSummary? {
        guard timeScaler != nil else { return nil }
        let counts = jitterBuffer.timeScalingCounts
        return PlayoutScalingSummary(
            accelerateCount: counts.accelerateCount, accelerateMilliseconds: Double(counts.acceleratedNanoseconds) / 1e6,
            expandCount: counts.expandCount, expandMilliseconds: Double(counts.expandedNanoseconds) / 1e6,
            stretchConcealmentMilliseconds: Double(framesStretched) * frameMilliseconds,
            meanPlayoutDelayMilliseconds: counts.meanPlayedDelayMilliseconds,
            driftPPM: jitterBuffer.snapshot.estimatedDriftPPM,
            declinedNotPeriodicCount: declinedNotPeriodic, declinedTooShortCount: declinedTooShort,
            underrunHoldMilliseconds: Double(max(0, committedHoldTicks)) * frameMilliseconds)
    }

    /// Drops the held tail: the stream ended after its last real frame.
    mutating func finish() {
        jitterBuffer.finish()
        held.removeAll()
        heldAudibleFrames = 0
    }

    private mutating func render(_ frame: PlayoutFrame, write: ([Int16]) throws -> Void) throws {
        switch frame {
        case .play(let packet):
            guard let decoder else {
                framesDecoded += 1
                commitPendingLosses()
                lossPattern.record(.received)
                return try emitReal(nil, write: write)
            }
            do {
                var samples = try decoder.decode(packet.payload)
                let expanded = timeScale(&samples)
                framesDecoded += 1
                commitPendingLosses()
                lossPattern.record(.received)
                try emitReal(expanded ? expandBlock : samples, write: write)
            } catch {
                decodeErrors += 1
                try hold(conceal(gain: 1))
            }
        case .recoverFromFEC(_, let next):
            framesFromFEC += 1
            commitPendingLosses()
            lossPattern.record(.lost)
            guard let decoder else { return try emitReal(nil, write: write) }
            let samples = (try? decoder.decodeFEC(from: next.payload, frameSamples: frameSamples))
            try emitReal(samples ?? conceal(gain: 1), write: write)
        case .conceal(_, let gain, let reason):
            // Counted once a real frame follows: concealment after the stream's end is no loss.
            if reason != .stretch { pendingLosses += 1 } else { pendingStretched += 1 }
            if gain <= 0 || decoder == nil { holdSilence() } else { try hold(conceal(gain: gain)) }
        case .comfortSilence:
            holdSilence(comfort: true)
        case .deliver, .missing:
            break  // telemetry only
        }
    }

    private func conceal(gain: Float) -> [Int16] {
        guard let samples = try? decoder?.conceal(frameSamples: frameSamples) else {
            return [Int16](repeating: 0, count: frameSamples * channels)
        }
        guard gain < 1 else { return samples }
        return samples.map { Int16((Float($0) * gain).rounded()) }
    }

    private mutating func hold(_ samples: [Int16]) throws {
        // Audible concealment fades within ~100 ms; past a cap it is kept as silence.
        guard heldAudibleFrames < 64 else { return holdSilence() }
        heldAudibleFrames += 1
        held.append(.audible(samples))
    }

    private mutating func holdSilence(comfort: Bool = false) {
        if case .silent(let count, let comfortCount) = held.last {
            held[held.count - 1] = .silent(count + 1, comfort: comfortCount + (comfort ? 1 : 0))
        } else {
            held.append(.silent(1, comfort: comfort ? 1 : 0))
        }
    }

    /// Writes the held concealment, then `samples`; `nil` (measuring only) counts without writing.
    private mutating func emitReal(_ samples: [Int16]?, write: ([Int16]) throws -> Void) throws {
        for entry in held {
            switch entry {
            case .audible(let frame):
                try write(frame)
                samplesWritten += frame.count
                framesConcealed += 1
            case .silent(let count, let comfort):
                framesConcealed += count - comfort
                framesComfortSilence += comfort
                guard samples != nil else { continue }
                let silence = [Int16](repeating: 0, count: frameSamples * channels)
                for _ in 0..<count {
                    try write(silence)
                    samplesWritten += silence.count
                }
            }
        }
        held.removeAll(keepingCapacity: true)
        heldAudibleFrames = 0
        guard let samples else { return }
        try write(samples)
        samplesWritten += samples.count
    }
}

/// Concealment waiting for a real frame.
private enum HeldFrames {
    case audible([Int16])
    /// `count` frames of silence, `comfort` of them DTX comfort silence (the rest faded PLC).
    case silent(Int, comfort: Int)
}
