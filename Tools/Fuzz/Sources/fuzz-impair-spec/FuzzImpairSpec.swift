import FuzzDriver
import FuzzSupport
import Impairment

/// `--impair` spec parser, and the documented property that the canonical text parses back to
/// an equal spec.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let spec = try? ImpairmentSpec(parsing: text) else { return 0 }
    let canonical = spec.description
    do {
        let again = try ImpairmentSpec(parsing: canonical)
        fuzzCheck(again == spec, "canonical text \(canonical.debugDescription) parses to a different spec")
    } catch {
        fuzzCheck(false, "canonical text \(canonical.debugDescription) does not parse: \(error)")
    }
    return 0
}

@_cdecl("fuzz_impair_spec_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    jitterbug_fuzz_main(argc, argv)
}
