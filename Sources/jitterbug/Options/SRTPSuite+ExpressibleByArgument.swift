import ArgumentParser
import SRTP

/// `--srtp-suite NAME`, parsed once with the arguments.
extension SRTPSuite: ExpressibleByArgument {}
