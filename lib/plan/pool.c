/* pool.c - the persistent thread pool of a Monte Carlo run (pool.h). */
#include "plan/pool.h"

#include <signal.h>
#include <unistd.h>

unsigned careerp_pool_threads(unsigned requested)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned n = requested == 0 ? 1u : requested;

    if (n > CAREER_SIM_MAX_THREADS)
        n = CAREER_SIM_MAX_THREADS;
    if (online >= 1 && (unsigned long)online < n)
        n = (unsigned)online;
    return n;
}

/* Claims and runs the phase's tasks until none is left. */
static void run_tasks(careerp_pool *pool, unsigned worker)
{
    size_t k;

    while ((k = atomic_fetch_add(&pool->next_task, 1)) < pool->ntasks)
        pool->task(pool->context, k, worker);
}

static void *helper_main(void *arg)
{
    careerp_pool *pool = ((careerp_helper *)arg)->pool;
    unsigned worker = ((careerp_helper *)arg)->worker;
    unsigned long seen = 0;

    pthread_mutex_lock(&pool->mutex);
    for (;;) {
        while (pool->generation == seen && !pool->quit)
            pthread_cond_wait(&pool->go, &pool->mutex);
        if (pool->quit)
            break;
        seen = pool->generation;
        pthread_mutex_unlock(&pool->mutex);
        run_tasks(pool, worker);
        pthread_mutex_lock(&pool->mutex);
        if (--pool->busy == 0)
            pthread_cond_signal(&pool->done);
    }
    pthread_mutex_unlock(&pool->mutex);
    return NULL;
}

static career_status init_locks(careerp_pool *pool)
{
    if (pthread_mutex_init(&pool->mutex, NULL) != 0)
        return CAREER_ERR_NOMEM;
    if (pthread_cond_init(&pool->go, NULL) != 0) {
        pthread_mutex_destroy(&pool->mutex);
        return CAREER_ERR_NOMEM;
    }
    if (pthread_cond_init(&pool->done, NULL) != 0) {
        pthread_cond_destroy(&pool->go);
        pthread_mutex_destroy(&pool->mutex);
        return CAREER_ERR_NOMEM;
    }
    return CAREER_OK;
}

career_status careerp_pool_start(careerp_pool *pool, unsigned nthreads)
{
    sigset_t all, old;
    career_status st;

    pool->generation = 0;
    pool->busy = 0;
    pool->nhelpers = 0;
    pool->quit = 0;
    if ((st = init_locks(pool)) != CAREER_OK)
        return st;
    /* Helpers inherit the creating thread's mask: block every signal for
     * them, then give the caller its own mask back. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    for (unsigned k = 1; k < nthreads && k < CAREER_SIM_MAX_THREADS; k++) {
        careerp_helper *h = &pool->helper[pool->nhelpers];

        h->pool = pool;
        h->worker = pool->nhelpers + 1;
        if (pthread_create(&h->thread, NULL, helper_main, h) == 0)
            pool->nhelpers++;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return CAREER_OK;
}

void careerp_pool_run(careerp_pool *pool, careerp_task_fn *task,
                      void *context, size_t ntasks)
{
    pthread_mutex_lock(&pool->mutex);
    pool->task = task;
    pool->context = context;
    pool->ntasks = ntasks;
    atomic_store(&pool->next_task, 0);
    pool->generation++;
    pool->busy = pool->nhelpers;
    pthread_cond_broadcast(&pool->go);
    pthread_mutex_unlock(&pool->mutex);
    run_tasks(pool, 0);
    pthread_mutex_lock(&pool->mutex);
    while (pool->busy > 0)
        pthread_cond_wait(&pool->done, &pool->mutex);
    pthread_mutex_unlock(&pool->mutex);
}

void careerp_pool_stop(careerp_pool *pool)
{
    pthread_mutex_lock(&pool->mutex);
    pool->quit = 1;
    pthread_cond_broadcast(&pool->go);
    pthread_mutex_unlock(&pool->mutex);
    for (unsigned k = 0; k < pool->nhelpers; k++)
        pthread_join(pool->helper[k].thread, NULL);
    pthread_cond_destroy(&pool->done);
    pthread_cond_destroy(&pool->go);
    pthread_mutex_destroy(&pool->mutex);
}
