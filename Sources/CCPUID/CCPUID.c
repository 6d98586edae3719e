#include "CCPUID.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

int ccpuid_query(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]) {
    unsigned int a = 0, b = 0, c = 0, d = 0;
    // __get_cpuid_count checks the highest leaf (of the basic or the extended range) first.
    int ok = __get_cpuid_count(leaf, subleaf, &a, &b, &c, &d);
    registers[0] = ok ? a : 0;
    registers[1] = ok ? b : 0;
    registers[2] = ok ? c : 0;
    registers[3] = ok ? d : 0;
    return ok;
}

uint64_t ccpuid_xgetbv(uint32_t index) {
    uint32_t low = 0, high = 0;
    // The instruction's bytes, so the file needs no -mxsave.
    __asm__ volatile(".byte 0x0f, 0x01, 0xd0" : "=a"(low), "=d"(high) : "c"(index));
    return ((uint64_t)high << 32) | low;
}
#else
int ccpuid_query(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]) {
    (void)leaf;
    (void)subleaf;
    registers[0] = registers[1] = registers[2] = registers[3] = 0;
    return 0;
}

uint64_t ccpuid_xgetbv(uint32_t index) {
    (void)index;
    return 0;
}
#endif
