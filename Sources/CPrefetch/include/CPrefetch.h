// A prefetch hint, for Swift (which cannot emit one itself): asks the CPU to bring the cache line
// holding an address into the second-level cache ahead of a read, without waiting for it.
#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Starts loading the cache line at `address` into L2 (and the caches above it); never faults, so any
/// address may be given.
static inline void cprefetch_l2(const void *address) { __builtin_prefetch(address, 0, 2); }

#endif
