/* strmap.c: a string-keyed hash map in an arena, so name lookups stay O(1) on huge articles. */
#include "internal.h"

#include <string.h>

void nr_strmap_init(nr_strmap *m, nr_arena *a)
{
    memset(m, 0, sizeof *m);
    m->arena = a;
}

static size_t S_slot(const nr_strmap *m, const char *key)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)nr_hash64(key, strlen(key), 0) & mask;
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & mask;
    return i;
}

int nr_strmap_get(const nr_strmap *m, const char *key)
{
    if (!m->cap)
        return -1;
    size_t i = S_slot(m, key);
    return m->keys[i] ? m->vals[i] : -1;
}

static bool S_grow(nr_strmap *m)
{
    nr_strmap big = *m;
    big.cap = m->cap ? m->cap * 2 : 64;
    big.n = 0;
    big.keys = nr_alloc(m->arena, big.cap * sizeof(char *));
    big.vals = nr_alloc(m->arena, big.cap * sizeof(int));
    if (!big.keys || !big.vals)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i]) {
            size_t j = S_slot(&big, m->keys[i]);
            big.keys[j] = m->keys[i];
            big.vals[j] = m->vals[i];
            big.n++;
        }
    }
    *m = big;
    return true;
}

/* Keys are not copied: they must live in the same arena or longer. */
bool nr_strmap_put(nr_strmap *m, const char *key, int val)
{
    if ((m->n + 1) * 2 > m->cap && !S_grow(m))
        return false;
    size_t i = S_slot(m, key);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->n++;
    }
    m->vals[i] = val;
    return true;
}
