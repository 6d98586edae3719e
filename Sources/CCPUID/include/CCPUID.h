// The two x86 instructions that say what the CPU and the operating system support, for Swift
// (which cannot emit them itself). Everything else about CPU features is decided in Swift
// (`Tensors/Machine/CPUFeatures.swift`). On other architectures both report nothing.
#ifndef CCPUID_H
#define CCPUID_H

#include <stdint.h>

/// Runs CPUID with `leaf` and `subleaf` and writes EAX, EBX, ECX, EDX to `registers`. Returns 0
/// (and writes zeros) when the CPU has no such leaf or is not x86.
int ccpuid_query(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]);

/// XGETBV: the extended control register `index` (0: XCR0, which state components the operating
/// system saves). Only valid when CPUID reports OSXSAVE (leaf 1, ECX bit 27); 0 elsewhere.
uint64_t ccpuid_xgetbv(uint32_t index);

#endif
