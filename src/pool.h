/* pool.h: the command's worker pool: items run on N threads and come back in submission order. */
#ifndef NR_POOL_H
#define NR_POOL_H

#include <stddef.h>

/*
 * The caller fills an item (pool_next), submits it, and gets it back through done() on its own
 * thread in exactly the order of submission, after work() ran on some worker thread. Items are
 * reused, so buffers inside them keep their capacity. With 0 threads work() and done() run at
 * once on the caller's thread: the single-threaded run is the same code in the same order.
 */
typedef void (*pool_fn)(void *ctx, void *item);
typedef struct pool pool;

/* depth items in flight at most; items start zeroed, and fini() is called on each at the end. */
pool *pool_new(int threads, size_t depth, size_t item_size, pool_fn work, pool_fn done,
               pool_fn fini, void *ctx);
/* The next item to fill; hands finished items to done() first when all are in use. Until it is
 * submitted, every call returns the same item. */
void *pool_next(pool *p);
/* Queues the item pool_next() returned. */
void pool_submit(pool *p);
/* Waits for every submitted item and hands each to done(), in order. */
void pool_drain(pool *p);
/* Drains, stops the threads and frees the items. */
void pool_free(pool *p);

#endif
