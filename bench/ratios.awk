# ratios.awk - libcareer against numpy from the machine-readable lines of
# make bench ("libcareer NAME VALUE", "numpy NAME VALUE").
$1 == "libcareer" { lib[$2] = $3 }
$1 == "numpy" { np[$2] = $3 }
$1 == "statsmodels" { sm[$2] = $3 }
END {
    print ""
    print "libcareer against numpy (medians; ratio > 1: libcareer faster)"
    if ("salary_at_n_ns" in lib && "interp_ns" in np)
        printf "  salary at 10M years: career_salary_at_n %.2f ns, np.interp %.2f ns: %.2fx\n",
               lib["salary_at_n_ns"], np["interp_ns"], np["interp_ns"] / lib["salary_at_n_ns"]
    if ("mc_mpys_1" in lib && "mc_mpys" in np) {
        printf "  Monte Carlo 1M x 40, 1 thread: %.1f M path-years/s, numpy %.1f: %.2fx\n",
               lib["mc_mpys_1"], np["mc_mpys"], lib["mc_mpys_1"] / np["mc_mpys"]
        printf "  Monte Carlo 1M x 40, 2 threads: %.1f M path-years/s (speed-up %.2fx), numpy %.1f: %.2fx\n",
               lib["mc_mpys_2"], lib["mc_speedup"], np["mc_mpys"], lib["mc_mpys_2"] / np["mc_mpys"]
        printf "  Monte Carlo peak memory above baseline: %.1f MiB\n", lib["mc_peak_mib"]
    }
    if ("equity_decompose_ms" in lib && "equity_decompose_ms" in sm)
        printf "  Oaxaca-Blinder 1M x 10 factors: libcareer %.1f ms, statsmodels %.1f ms: %.1fx (target >= 5x)\n",
               lib["equity_decompose_ms"], sm["equity_decompose_ms"],
               sm["equity_decompose_ms"] / lib["equity_decompose_ms"]
}
