// Makes ThreadSanitizer see Swift's `Synchronization.Mutex` on Linux (used by Tools/sanitize,
// loaded with LD_PRELOAD into the TSan-built test binary and the `jitterbug` it spawns).
//
// Why: on Linux (Swift 6.3) `Mutex.withLock` inlines a fast path, an acquiring/releasing
// compare-exchange on the lock word, which TSan instruments and understands. When the lock is
// contended it calls `_MutexHandle._lockSlow` / `_unlockSlow` in libswiftSynchronization.so,
// which is not instrumented and hands the lock over with FUTEX_LOCK_PI / FUTEX_UNLOCK_PI
// syscalls. TSan sees no release/acquire pair there and reports every access made under a
// contended Mutex as a race ("Swift access race" or "data race"): a false positive that no
// suppression can scope to Mutex, because the inlined withLock leaves no Mutex frame.
//
// What: these wrappers interpose the three slow-path entry points (the test binary calls them
// through the PLT), call the real ones, and tell TSan what they did on the lock word's address,
// the same address the instrumented fast path synchronises on:
//   _lockSlow / successful _tryLockSlow  -> __tsan_acquire(word) after the lock is held
//   _unlockSlow                          -> __tsan_release(word) before the lock is given up
// Nothing else changes: real races (an access outside the lock, the wrong lock) stay reported.
// Exactly what `pthread_mutex_lock`'s TSan interceptor does for NIOLock.
//
// ABI (checked with objdump on libswiftSynchronization.so, Swift 6.3.1, x86_64 and the same
// swiftcc rules on aarch64): `borrowing func _lockSlow(_ selfId: UInt32)` takes `self` (a
// pointer to the UInt32 lock word) in the swiftself register and selfId as its first argument.
// If a future toolchain renames these symbols the wrappers are simply never called and the
// false positives come back — the run fails loudly, never passes silently.
//
// The __tsan_* hooks are weak: in a process without the TSan runtime (swift-test itself,
// ffmpeg, ...) they are null and the wrappers only forward.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

extern void __tsan_acquire(void *addr) __attribute__((weak));
extern void __tsan_release(void *addr) __attribute__((weak));

#define SWIFTCALL __attribute__((swiftcall))
// clang spells the swiftself register `swift_context` (lowered to LLVM `swiftself`).
#define SWIFTSELF __attribute__((swift_context))

typedef SWIFTCALL void (*lock_slow_fn)(uint32_t self_id, void *SWIFTSELF word);
typedef SWIFTCALL bool (*try_lock_slow_fn)(void *SWIFTSELF word);
typedef SWIFTCALL void (*unlock_slow_fn)(void *SWIFTSELF word);

#define LOCK_SLOW "$s15Synchronization12_MutexHandleV9_lockSlowyys6UInt32VF"
#define TRY_LOCK_SLOW "$s15Synchronization12_MutexHandleV12_tryLockSlowSbyF"
#define UNLOCK_SLOW "$s15Synchronization12_MutexHandleV11_unlockSlowyyF"

static void *real(const char *name) {
  void *f = dlsym(RTLD_NEXT, name);
  if (f == NULL) {
    fprintf(stderr, "tsan-mutex: %s not found\n", name);
    abort();
  }
  return f;
}

SWIFTCALL void jb_lock_slow(uint32_t self_id, void *SWIFTSELF word) __asm__(LOCK_SLOW);
SWIFTCALL void jb_lock_slow(uint32_t self_id, void *SWIFTSELF word) {
  static lock_slow_fn next;
  if (next == NULL) next = (lock_slow_fn)real(LOCK_SLOW);
  next(self_id, word);
  if (__tsan_acquire) __tsan_acquire(word);
}

SWIFTCALL bool jb_try_lock_slow(void *SWIFTSELF word) __asm__(TRY_LOCK_SLOW);
SWIFTCALL bool jb_try_lock_slow(void *SWIFTSELF word) {
  static try_lock_slow_fn next;
  if (next == NULL) next = (try_lock_slow_fn)real(TRY_LOCK_SLOW);
  bool locked = next(word);
  if (locked && __tsan_acquire) __tsan_acquire(word);
  return locked;
}

SWIFTCALL void jb_unlock_slow(void *SWIFTSELF word) __asm__(UNLOCK_SLOW);
SWIFTCALL void jb_unlock_slow(void *SWIFTSELF word) {
  static unlock_slow_fn next;
  if (next == NULL) next = (unlock_slow_fn)real(UNLOCK_SLOW);
  if (__tsan_release) __tsan_release(word);
  next(word);
}
