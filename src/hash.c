/* hash.c: the 64-bit hash behind article ids and the string maps; a leaf every stage may use. */
#include "internal.h"

/* FNV-1a with a final avalanche (splitmix64), so ids spread evenly over their 64 bits. */
uint64_t nr_hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}
