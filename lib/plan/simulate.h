/*
 * simulate.h - what lib/simulate.c shows its tests (internal).
 */
#ifndef CAREER_SIMULATE_H
#define CAREER_SIMULATE_H

#include "plan/plan.h"

/* career_simulate with every year's quantiles selected from all its
 * salaries by quickselect, never from the sample-bracketed buckets nor by
 * radix selection: the reference the fast paths must match bit for bit. */
career_status careerp_simulate_whole_years(
    const career_model *model, const career_projection_options *opts,
    const career_simulation_options *sim, career_band *bands, size_t nbands);

#endif /* CAREER_SIMULATE_H */
