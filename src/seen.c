/* seen.c: the duplicate check: the ids of the articles already exported, and where each came from. */
#define _POSIX_C_SOURCE 200809L
#include "command.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 16 bytes per article: the id, and where it came from as an index into files (plus 1; 0 marks
 * a free slot) and a line number. */
typedef struct seen_entry {
    uint64_t id;
    uint32_t file;
    uint32_t line;
} seen_entry;

struct seen_set {
    seen_entry *slots;
    size_t cap, n;
    char **files; /* each input's shown name once, in the order they were read */
    size_t n_files, files_cap;
};

seen_set *seen_new(void)
{
    return calloc(1, sizeof(seen_set));
}

static bool S_grow(seen_set *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    seen_entry *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->slots[i].file)
            continue;
        size_t j = s->slots[i].id & (cap - 1);
        while (slots[j].file)
            j = (j + 1) & (cap - 1);
        slots[j] = s->slots[i];
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return true;
}

/* The index of file in the list, adding it when it is not the last one added. */
static long S_file(seen_set *s, const char *file)
{
    if (s->n_files && strcmp(s->files[s->n_files - 1], file) == 0)
        return (long)s->n_files - 1;
    if (s->n_files == s->files_cap) {
        size_t cap = s->files_cap ? s->files_cap * 2 : 64;
        char **p = realloc(s->files, cap * sizeof *p);
        if (!p)
            return -1;
        s->files = p;
        s->files_cap = cap;
    }
    if (!(s->files[s->n_files] = strdup(file)))
        return -1;
    return (long)s->n_files++;
}

bool seen_check(seen_set *s, const char *id, const char *file, long line, char *first, size_t size)
{
    if ((s->n + 1) * 2 > s->cap && !S_grow(s))
        return false;
    uint64_t v = strtoull(id, NULL, 16);
    size_t j = v & (s->cap - 1);
    for (; s->slots[j].file; j = (j + 1) & (s->cap - 1)) {
        if (s->slots[j].id != v)
            continue;
        const seen_entry *e = &s->slots[j];
        if (e->line)
            snprintf(first, size, "%s:%lu", s->files[e->file - 1], (unsigned long)e->line);
        else
            snprintf(first, size, "%s", s->files[e->file - 1]);
        return true;
    }
    long f = S_file(s, file);
    if (f >= 0 && f < UINT32_MAX && line >= 0 && line <= (long)UINT32_MAX) {
        s->slots[j] = (seen_entry){v, (uint32_t)f + 1, (uint32_t)line};
        s->n++;
    }
    return false;
}

void seen_free(seen_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_files; i++)
        free(s->files[i]);
    free(s->files);
    free(s->slots);
    free(s);
}
