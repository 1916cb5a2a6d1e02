#ifndef JITTERBUG_FUZZ_DRIVER_H
#define JITTERBUG_FUZZ_DRIVER_H

/// Runs libFuzzer's driver on this binary's `LLVMFuzzerTestOneInput` with the process arguments.
///
/// SwiftPM links debug executables on Linux with `--defsym main=<module>_main` (testable
/// executables), which hides libFuzzer's own `main`. Each fuzz target therefore defines
/// `<module>_main` and forwards here; libFuzzer's documented `LLVMFuzzerRunDriver` then behaves
/// exactly like its `main`. In release builds (no rename) libFuzzer's `main` is used directly.
int jitterbug_fuzz_main(int argc, char **argv);

#endif
