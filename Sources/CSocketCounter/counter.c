#include "CSocketCounter.h"

#ifdef __linux__
#include <errno.h>
#include <linux/bpf.h>
#include <stddef.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int sys_bpf(int command, union bpf_attr *attributes) {
    return (int)syscall(__NR_bpf, command, attributes, sizeof(*attributes));
}

#define INSN(CODE, DST, SRC, OFF, IMM) \
    ((struct bpf_insn){.code = (CODE), .dst_reg = (DST), .src_reg = (SRC), .off = (OFF), .imm = (IMM)})

int jb_segment_counter_load(int *map_fd) {
    union bpf_attr attributes;
    memset(&attributes, 0, sizeof(attributes));
    attributes.map_type = BPF_MAP_TYPE_ARRAY;
    attributes.key_size = 4;
    attributes.value_size = 8;
    attributes.max_entries = 1;
    int map = sys_bpf(BPF_MAP_CREATE, &attributes);
    if (map < 0) return -errno;
    /* segments = skb->gso_segs, 1 for a plain datagram; map[0] += segments (atomic); accept
       the whole packet (a socket filter returns the bytes to keep). */
    struct bpf_insn program[] = {
        INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_6, BPF_REG_1, 0, 0),
        INSN(BPF_LDX | BPF_MEM | BPF_W, BPF_REG_7, BPF_REG_6, offsetof(struct __sk_buff, gso_segs), 0),
        INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_7, 0, 1, 0),
        INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_7, 0, 0, 1),
        INSN(BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, 0),
        INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0),
        INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4),
        INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_MAP_FD, 0, map),
        INSN(0, 0, 0, 0, 0),
        INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
        INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 1, 0),
        INSN(BPF_STX | BPF_ATOMIC | BPF_DW, BPF_REG_0, BPF_REG_7, 0, BPF_ADD),
        INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, -1),
        INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
    };
    memset(&attributes, 0, sizeof(attributes));
    attributes.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
    attributes.insns = (uint64_t)(uintptr_t)program;
    attributes.insn_cnt = sizeof(program) / sizeof(program[0]);
    attributes.license = (uint64_t)(uintptr_t)"GPL";
    int loaded = sys_bpf(BPF_PROG_LOAD, &attributes);
    if (loaded < 0) {
        int error = errno;
        close(map);
        return -error;
    }
    *map_fd = map;
    return loaded;
}

int jb_segment_counter_read(int map_fd, uint64_t *count) {
    union bpf_attr attributes;
    uint32_t key = 0;
    uint64_t value = 0;
    memset(&attributes, 0, sizeof(attributes));
    attributes.map_fd = (uint32_t)map_fd;
    attributes.key = (uint64_t)(uintptr_t)&key;
    attributes.value = (uint64_t)(uintptr_t)&value;
    if (sys_bpf(BPF_MAP_LOOKUP_ELEM, &attributes) < 0) return -errno;
    *count = value;
    return 0;
}

void jb_segment_counter_close(int fd) {
    if (fd >= 0) close(fd);
}

#else
#include <errno.h>
int jb_segment_counter_load(int *map_fd) { (void)map_fd; return -ENOSYS; }
int jb_segment_counter_read(int map_fd, uint64_t *count) { (void)map_fd; (void)count; return -ENOSYS; }
void jb_segment_counter_close(int fd) { (void)fd; }
#endif
