#if os(Linux)
import Impairment

extension ImpairmentLab {
    /// How a lab is set up besides its spec.
    package struct Options: Sendable {
        /// Seed for both directions (`down` derives its own from it); nil: the spec's `seed=`, else 0.
        package var seed: UInt64?
        /// When set, ground truth is streamed as JSON Lines (`LabPacketRecord.jsonLine`) to
        /// `PREFIX-up.jsonl` and `PREFIX-down.jsonl`.
        package var groundTruthPathPrefix: String?
        /// Ground-truth records kept in memory per direction for `groundTruth(_:)` (0: none).
        /// Beyond it records are counted in `recordsNotKept`. About 200 bytes per record.
        package var groundTruthRecordLimit: Int
        /// Most copies held for delayed delivery per direction (≥ 1); more are dropped and
        /// counted in `schedulerOverflow`. Up to 64 KiB each, usually one MTU.
        package var schedulerCapacityPackets: Int
        /// Tear the lab down on SIGINT/SIGTERM/SIGHUP, then let the signal end the process.
        /// Set false when the caller handles signals itself and calls `shutdown()`.
        package var handleInterrupts: Bool
        /// Remove namespaces left by earlier lab runs whose process is gone.
        package var removeStaleLabs: Bool
        /// Injected prerequisite values (tests); nil probes the real system.
        package var prerequisites: LabPrerequisites?

        package init(
            seed: UInt64? = nil, groundTruthPathPrefix: String? = nil, groundTruthRecordLimit: Int = 0,
            schedulerCapacityPackets: Int = 20_000, handleInterrupts: Bool = true, removeStaleLabs: Bool = true,
            prerequisites: LabPrerequisites? = nil
        ) {
            self.seed = seed
            self.groundTruthPathPrefix = groundTruthPathPrefix
            self.groundTruthRecordLimit = groundTruthRecordLimit
            self.schedulerCapacityPackets = schedulerCapacityPackets
            self.handleInterrupts = handleInterrupts
            self.removeStaleLabs = removeStaleLabs
            self.prerequisites = prerequisites
        }

        /// The ground-truth file of one direction, if streaming was asked for.
        package func groundTruthPath(_ direction: ImpairmentDirection) -> String? {
            groundTruthPathPrefix.map { "\($0)-\(direction.rawValue).jsonl" }
        }
    }
}
#endif
