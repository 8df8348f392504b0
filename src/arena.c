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

static size_t S_round(size_t size)
{
    const size_t align = sizeof(max_align_t);
    return size ? (size + align - 1) / align * align : align;
}

void *nr_alloc(nr_arena *a, size_t size)
{
    if (a->failed)
        return NULL;
    size = S_round(size);
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

/* Grows the allocation at p from old to size bytes where it stands, when it is the last one
 * in the head block and the block has room: a vector pushed to in a loop (the tokens of one
 * long paragraph) then costs its final size, not the sum of every size it had on the way. */
static bool S_extend(nr_arena *a, void *p, size_t old, size_t size)
{
    nr_block *b = a->head;
    old = S_round(old);
    size = S_round(size);
    if (!b || (char *)p + old != (char *)b->data + b->used || b->size - b->used < size - old)
        return false;
    memset((char *)p + old, 0, size - old);
    b->used += size - old;
    return true;
}

bool nr_vec_grow(nr_arena *a, void **items, size_t *cap, size_t need, size_t item_size)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap + *cap / 2 + 1 : 16;
    if (ncap < need)
        ncap = need;
    if (*items && !a->failed && S_extend(a, *items, *cap * item_size, ncap * item_size)) {
        *cap = ncap;
        return true;
    }
    void *p = nr_alloc(a, ncap * item_size);
    if (!p)
        return false;
    if (*items)
        memcpy(p, *items, *cap * item_size);
    *items = p;
    *cap = ncap;
    return true;
}
