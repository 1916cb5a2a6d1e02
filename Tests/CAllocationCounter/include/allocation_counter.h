#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H

/// Counts heap allocations (malloc, calloc, realloc, aligned forms) made by the calling thread
/// between start and stop. Linked into the test binary only: it defines malloc and friends,
/// which the dynamic linker then prefers for every library in the process (they forward to
/// glibc's __libc_* entry points). Unavailable (returns 0 from ..._available) in sanitizer
/// builds, whose runtimes intercept malloc themselves, and off glibc.
int allocation_counter_available(void);
void allocation_counter_start(void);
/// Allocations counted on this thread since start; stops counting.
long allocation_counter_stop(void);

/// Heap bytes in use in every malloc arena, mmapped blocks included (glibc `mallinfo2`); -1
/// where unavailable.
long allocation_counter_heap_bytes(void);

#endif
