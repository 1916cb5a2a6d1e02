#include "allocation_counter.h"

#include <stddef.h>
#include <errno.h>  // also defines __GLIBC__ (via features.h) on glibc

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define ALLOCATION_COUNTER_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define ALLOCATION_COUNTER_SANITIZED 1
#endif

#if defined(__GLIBC__) && !defined(ALLOCATION_COUNTER_SANITIZED)

#include <execinfo.h>
#include <stdlib.h>
#include <unistd.h>

// glibc's own entry points: the definitions below forward to them, so memory from either side
// can be freed by the other.
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *pointer);

// Per thread, so other threads (event loops, the test runner) do not disturb a measurement.
static __thread int counting;
static __thread long count;

static __thread int tracing;

// With ALLOCATION_COUNTER_TRACE=1 in the environment each counted allocation prints its stack
// (addresses; `addr2line -f -e BINARY` and `swift demangle` name them) to find the culprit.
static void trace(void) {
    static int checked, enabled;
    if (!checked) {
        const char *flag = getenv("ALLOCATION_COUNTER_TRACE");
        enabled = flag != NULL && flag[0] == '1';
        checked = 1;
    }
    if (!enabled || tracing) return;
    tracing = 1;  // backtrace may allocate on first use: do not recurse
    void *frames[24];
    int depth = backtrace(frames, 24);
    static const char mark[] = "--- counted allocation\n";
    write(2, mark, sizeof mark - 1);
    backtrace_symbols_fd(frames, depth, 2);
    tracing = 0;
}

static inline void note(void) {
    if (counting && !tracing) {
        count += 1;
        trace();
    }
}

void *malloc(size_t size) {
    note();
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size) {
    note();
    return __libc_calloc(n, size);
}

void *realloc(void *pointer, size_t size) {
    note();
    return __libc_realloc(pointer, size);
}

void free(void *pointer) { __libc_free(pointer); }

void *memalign(size_t alignment, size_t size) {
    note();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    note();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    note();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *out = pointer;
    return 0;
}

int allocation_counter_available(void) { return 1; }

#include <malloc.h>
long allocation_counter_heap_bytes(void) {
    struct mallinfo2 info = mallinfo2();
    return (long)(info.uordblks + info.hblkhd);
}

void allocation_counter_start(void) {
    count = 0;
    counting = 1;
}

long allocation_counter_stop(void) {
    counting = 0;
    return count;
}

#else

int allocation_counter_available(void) { return 0; }
void allocation_counter_start(void) {}
long allocation_counter_stop(void) { return -1; }
long allocation_counter_heap_bytes(void) { return -1; }

#endif
