#include "FuzzDriver.h"
#include <stddef.h>
#include <stdint.h>

// Both provided at link time: libFuzzer (`-sanitize=fuzzer`) and the Swift target (`@_cdecl`).
extern int LLVMFuzzerRunDriver(int *argc, char ***argv,
                               int (*callback)(const uint8_t *data, size_t size));
extern int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int jitterbug_fuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
