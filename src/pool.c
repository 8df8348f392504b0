/* pool.c: a ring of items handed to worker threads and taken back in the order they went in. */
#define _POSIX_C_SOURCE 200809L
#include "pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

enum { FREE, QUEUED, DONE };

struct pool {
    pool_fn work, done, fini;
    void *ctx;
    char *items;
    int *state;
    size_t depth, item_size;
    /* Counters that only grow: items [tail, next) are running or done, [next, head) queued. */
    size_t head, next, tail;
    int n_threads;
    pthread_t *threads;
    pthread_mutex_t mu;
    pthread_cond_t queued, finished;
    bool closing;
};

static void *S_item(pool *p, size_t k)
{
    return p->items + (k % p->depth) * p->item_size;
}

static void *S_worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->closing && p->next == p->head)
            pthread_cond_wait(&p->queued, &p->mu);
        if (p->next == p->head)
            break;
        size_t k = p->next++;
        pthread_mutex_unlock(&p->mu);
        p->work(p->ctx, S_item(p, k));
        pthread_mutex_lock(&p->mu);
        p->state[k % p->depth] = DONE;
        pthread_cond_broadcast(&p->finished);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

pool *pool_new(int threads, size_t depth, size_t item_size, pool_fn work, pool_fn done,
               pool_fn fini, void *ctx)
{
    pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->work = work;
    p->done = done;
    p->fini = fini;
    p->ctx = ctx;
    p->depth = threads > 0 ? depth : 1;
    p->item_size = item_size;
    p->items = calloc(p->depth, item_size);
    p->state = calloc(p->depth, sizeof *p->state);
    p->threads = calloc(threads > 0 ? (size_t)threads : 1, sizeof *p->threads);
    if (!p->items || !p->state || !p->threads) {
        free(p->items);
        free(p->state);
        free(p->threads);
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->queued, NULL);
    pthread_cond_init(&p->finished, NULL);
    for (; p->n_threads < threads; p->n_threads++) {
        if (pthread_create(&p->threads[p->n_threads], NULL, S_worker, p) != 0) {
            pool_free(p);
            return NULL;
        }
    }
    return p;
}

/* Hands the oldest item to done() once it is finished; the lock is held on entry and exit. */
static void S_retire_oldest(pool *p)
{
    size_t k = p->tail;
    while (p->state[k % p->depth] != DONE)
        pthread_cond_wait(&p->finished, &p->mu);
    pthread_mutex_unlock(&p->mu);
    p->done(p->ctx, S_item(p, k));
    pthread_mutex_lock(&p->mu);
    p->state[k % p->depth] = FREE;
    p->tail++;
}

void *pool_next(pool *p)
{
    if (!p->n_threads)
        return S_item(p, 0);
    pthread_mutex_lock(&p->mu);
    if (p->head - p->tail == p->depth)
        S_retire_oldest(p);
    pthread_mutex_unlock(&p->mu);
    return S_item(p, p->head);
}

void pool_submit(pool *p)
{
    if (!p->n_threads) {
        p->work(p->ctx, S_item(p, 0));
        p->done(p->ctx, S_item(p, 0));
        return;
    }
    pthread_mutex_lock(&p->mu);
    p->state[p->head % p->depth] = QUEUED;
    p->head++;
    pthread_cond_signal(&p->queued);
    /* Finished items go out as soon as their turn comes, so output keeps flowing. */
    while (p->tail < p->next && p->state[p->tail % p->depth] == DONE)
        S_retire_oldest(p);
    pthread_mutex_unlock(&p->mu);
}

void pool_drain(pool *p)
{
    if (!p->n_threads)
        return;
    pthread_mutex_lock(&p->mu);
    while (p->tail < p->head)
        S_retire_oldest(p);
    pthread_mutex_unlock(&p->mu);
}

void pool_free(pool *p)
{
    if (!p)
        return;
    pool_drain(p);
    pthread_mutex_lock(&p->mu);
    p->closing = true;
    pthread_cond_broadcast(&p->queued);
    pthread_mutex_unlock(&p->mu);
    for (int t = 0; t < p->n_threads; t++)
        pthread_join(p->threads[t], NULL);
    for (size_t k = 0; k < p->depth; k++)
        p->fini(p->ctx, S_item(p, k));
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->queued);
    pthread_cond_destroy(&p->finished);
    free(p->items);
    free(p->state);
    free(p->threads);
    free(p);
}
