#ifndef CSOCKETCOUNTER_H
#define CSOCKETCOUNTER_H

/*
 * Counts the UDP datagrams that reach a socket, GRO aggregates by their segments, with a
 * Linux eBPF socket filter (BPF_PROG_TYPE_SOCKET_FILTER) and a one-entry array map. The
 * filter runs after any segmentation the kernel does for the socket and before the receive
 * buffer check, so datagrams counted here = datagrams read + datagrams the kernel dropped
 * at the socket + datagrams still queued. It accepts every packet whole.
 *
 * Needs CAP_BPF (or root): without it the load fails and the caller goes on without.
 * Functions return 0 or a file descriptor on success, -errno on failure.
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Creates the map and loads the program: returns the map's fd in *map_fd and the program's
   fd (to attach with SO_ATTACH_BPF; close it once attached). */
int jb_segment_counter_load(int *map_fd);

/* Datagrams counted so far in the map. */
int jb_segment_counter_read(int map_fd, uint64_t *count);

/* Closes a descriptor returned above. */
void jb_segment_counter_close(int fd);

#ifdef __cplusplus
}
#endif

#endif
