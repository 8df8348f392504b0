/* arena.c: the per-article bump allocator that makes "free the article, free everything" true. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Blocks grow geometrically so a large article needs O(log n) mallocs, not one per record. */
#define NR_ARENA_FIRST_BLOCK (64 * 1024)

typedef struct nr_block {
    struct nr_block *next;
    size_t used, size;
    max_align_t data[];
} nr_block;

struct nr_arena {
    nr_block *head;
    bool failed;
};

nr_arena *nr_arena_new(void)
{
    return calloc(1, sizeof(nr_arena));
}

void nr_arena_free(nr_arena *a)
{
    if (!a)
        return;
    nr_block *b = a->head;
    while (b) {
        nr_block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

bool nr_arena_failed(const nr_arena *a)
{
    return a->failed;
}

static nr_block *S_new_block(nr_arena *a, size_t need)
{
    size_t size = a->head ? a->head->size * 2 : NR_ARENA_FIRST_BLOCK;
    if (size < need)
        size = need;
    nr_block *b = malloc(sizeof(nr_block) + size);
    if (!b)
        return NULL;
    b->size = size;
    b->used = 0;
    b->next = a->head;
    a->head = b;
    return b;
}

void *nr_alloc(nr_arena *a, size_t size)
{
    if (a->failed)
        return NULL;
    const size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    nr_block *b = a->head;
    if (!b || b->size - b->used < size) {
        b = S_new_block(a, size);
        if (!b) {
            a->failed = true;
            return NULL;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *nr_strndup(nr_arena *a, const char *s, size_t n)
{
    char *p = nr_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *nr_strdup(nr_arena *a, const char *s)
{
    return s ? nr_strndup(a, s, strlen(s)) : NULL;
}

bool nr_vec_grow(nr_arena *a, void **items, size_t *cap, size_t need, size_t item_size)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap + *cap / 2 + 1 : 16;
    if (ncap < need)
        ncap = need;
    void *p = nr_alloc(a, ncap * item_size);
    if (!p)
        return false;
    if (*items)
        memcpy(p, *items, *cap * item_size);
    *items = p;
    *cap = ncap;
    return true;
}
