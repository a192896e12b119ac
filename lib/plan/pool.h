/*
 * pool.h - the Monte Carlo's persistent thread pool (internal; lib/pool.c).
 *
 * One pool serves a whole run: the calling thread and nthreads - 1 helpers
 * claim the tasks of a phase from a shared counter, and careerp_pool_run
 * returns when every task of the phase is done (a barrier per phase).
 * Helpers are started with every signal blocked, so that a host's signal
 * handlers run on its own threads, and they live until careerp_pool_stop.
 */
#ifndef CAREER_POOL_H
#define CAREER_POOL_H

#include "internal.h"

#include <pthread.h>
#include <stdatomic.h>

/* Task k (0 <= k < ntasks) of a phase, run by worker w (0 = the calling
 * thread, 1.. the helpers): w indexes per-worker work space. */
typedef void careerp_task_fn(void *context, size_t k, unsigned worker);

struct careerp_pool;

/* What a helper knows of itself. */
typedef struct careerp_helper {
    struct careerp_pool *pool;
    unsigned worker;
    pthread_t thread;
} careerp_helper;

typedef struct careerp_pool {
    pthread_mutex_t mutex;
    pthread_cond_t go, done;
    unsigned long generation; /* phases started */
    unsigned busy;            /* helpers still in the phase */
    unsigned nhelpers;
    int quit;
    careerp_task_fn *task;    /* the phase's tasks */
    void *context;
    size_t ntasks;
    atomic_size_t next_task;
    careerp_helper helper[CAREER_SIM_MAX_THREADS - 1];
} careerp_pool;

/* The worker count for a requested one: 0 means 1; at most the online
 * processors (more would only take turns) and CAREER_SIM_MAX_THREADS. */
unsigned careerp_pool_threads(unsigned requested);

/* Starts nthreads - 1 helpers (1 <= nthreads <= CAREER_SIM_MAX_THREADS). A
 * helper that cannot be started only means fewer hands; CAREER_ERR_NOMEM
 * when the pool's locks cannot be had. */
career_status careerp_pool_start(careerp_pool *pool, unsigned nthreads);

/* Runs task(context, k, worker) for k < ntasks on the calling thread and
 * the helpers; returns when all are done. */
void careerp_pool_run(careerp_pool *pool, careerp_task_fn *task,
                      void *context, size_t ntasks);

/* Stops and joins the helpers and frees the locks. */
void careerp_pool_stop(careerp_pool *pool);

#endif /* CAREER_POOL_H */
